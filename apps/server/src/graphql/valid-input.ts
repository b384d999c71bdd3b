import type { ValidId } from "@clientele/domain";

/** An input's `valid` (the ValidState enum, OTOBO's valid id inside) under the domain's name `validId`. */
export const withValidId = <T extends { valid?: ValidId | null }>({
  valid,
  ...rest
}: T): Omit<T, "valid"> & { validId: ValidId | null | undefined } => ({ ...rest, validId: valid });
