import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ItemPicker } from "../../components/assignment-matrix/item-picker";
import { useCustomerRows, useCustomerUserRows, useGroupRows, useServiceRows } from "./lists";

interface PickerProps {
  selected: string | null;
  hrefFor: (id: string) => string;
}

export function CustomerUserPicker({ selected, hrefFor }: PickerProps): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const list = useCustomerUserRows({ filter: search });
  return (
    <ItemPicker
      title={t("nav.customerUsers")}
      searchLabel={t("matrix.searchCustomerUsers")}
      search={search}
      onSearch={setSearch}
      items={list.rows}
      selected={selected}
      hrefFor={(item) => hrefFor(item.id)}
      loading={list.loading}
      status={list.status}
      empty={t("matrix.noCustomerUsers")}
    />
  );
}

export function CustomerPickerList({ selected, hrefFor }: PickerProps): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const list = useCustomerRows({ filter: search });
  return (
    <ItemPicker
      title={t("nav.customers")}
      searchLabel={t("matrix.searchCustomers")}
      search={search}
      onSearch={setSearch}
      items={list.rows}
      selected={selected}
      hrefFor={(item) => hrefFor(item.id)}
      loading={list.loading}
      status={list.status}
      empty={t("matrix.noCustomers")}
    />
  );
}

export function GroupPickerList({ selected, hrefFor }: PickerProps): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const list = useGroupRows(search);
  return (
    <ItemPicker
      title={t("nav.groups")}
      searchLabel={t("matrix.searchGroups")}
      search={search}
      onSearch={setSearch}
      items={list.rows}
      selected={selected}
      hrefFor={(item) => hrefFor(item.id)}
      loading={list.loading}
      empty={t("matrix.noGroups")}
    />
  );
}

export function ServicePickerList({ selected, hrefFor }: PickerProps): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const list = useServiceRows(search);
  return (
    <ItemPicker
      title={t("nav.services")}
      searchLabel={t("matrix.searchServices")}
      search={search}
      onSearch={setSearch}
      items={list.rows}
      selected={selected}
      hrefFor={(item) => hrefFor(item.id)}
      loading={list.loading}
      empty={t("matrix.noServices")}
    />
  );
}
