/** The literature factors of a study's catalogues by id, with the category and catalogue each is in. */
import type { FactorCatalogue, LiteratureFactor } from '../model';

export type FactorIndex = Map<string, { factor: LiteratureFactor; category: string; catalogue: string }>;

/** Fills `into` (cleared first) with every factor of the catalogues. */
export function indexFactors(catalogues: readonly FactorCatalogue[], into: FactorIndex): void {
  into.clear();
  for (const cat of catalogues) {
    for (const g of cat.categories) {
      for (const f of g.factors) {
        into.set(f.id, { factor: f, category: g.name, catalogue: cat.id });
      }
    }
  }
}
