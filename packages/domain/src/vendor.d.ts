// Type declaration for a small CommonJS library that ships none.
declare module "unix-crypt-td-js" {
  /** Traditional DES crypt(3) of `password` with a two-character salt. */
  export default function unixCrypt(password: string, salt: string): string;
}
