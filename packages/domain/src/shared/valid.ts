/** OTOBO's `valid_id`: 1 valid, 2 invalid, 3 invalid-temporarily. */
export type ValidId = 1 | 2 | 3;
