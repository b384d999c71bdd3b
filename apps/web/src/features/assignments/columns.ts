import type { TFunction } from "i18next";
import type { MatrixColumn } from "../../components/assignment-matrix/assignment-matrix";

/** OTOBO's two customer permission types; RW implies RO. */
export function permissionColumns(t: TFunction, prefix = ""): MatrixColumn[] {
  return [
    { id: `${prefix}RO`, label: t("permissions.RO"), description: t("permissions.roLong") },
    {
      id: `${prefix}RW`,
      label: t("permissions.RW"),
      description: t("permissions.rwLong"),
      implies: [`${prefix}RO`],
    },
  ];
}

export type Permission = "RO" | "RW";
export const isPermission = (p: string): p is Permission => p === "RO" || p === "RW";
