/** Case-insensitive order of names and logins; ties broken by case, so the order is total. */
export const compareText = (a: string, b: string) => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
};
