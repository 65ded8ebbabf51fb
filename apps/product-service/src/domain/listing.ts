/**
 * The deepest page of any listing. A page is read by skipping the pages before it (OFFSET) and a
 * listing counts its matches: both grow with the catalog, so both stop here; past it a shopper
 * narrows the search instead. The contract's catalog queries refuse a deeper page
 * (MAX_LISTING_PAGE in @shop/contracts; the router's tests check that the two agree).
 */
export const MAX_LISTING_PAGE = 50;

/**
 * A listing counts its matches only as far as the end of its last page, plus one to tell that
 * there are more: a count never reads more rows than a shopper could page through.
 */
export const countLimitOf = (f: { pageSize: number }) => MAX_LISTING_PAGE * f.pageSize + 1;
