// The shape of one screen's strings: English defines the keys, Russian and Kazakh must have each.

export interface FeatureDict<E extends Record<string, string>> {
  en: E;
  ru: Record<keyof E, string>;
  kk: Record<keyof E, string>;
}
