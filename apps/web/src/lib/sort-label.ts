/**
 * The label of a listing's sort. With search text, product-service orders "newest" by relevance
 * (its word search ranks matches in the name above those in the description), so that choice
 * reads "Best match" wherever a search is listed: the storefront and the admin's products.
 */
export const sortLabel = (sort: { value: string; label: string }, q: string | undefined) =>
  sort.value === "newest" && q ? "Best match" : sort.label;
