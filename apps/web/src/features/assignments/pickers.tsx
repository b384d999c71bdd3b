import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ItemPicker } from "../../components/assignment-matrix/item-picker";
import { type RowList, useCustomerRows, useCustomerUserRows, useGroupRows, useServiceRows } from "./lists";

interface PickerProps {
  selected: string | null;
  hrefFor: (id: string) => string;
}

interface SearchPickerProps extends PickerProps {
  /** The items matching the search (a hook; one per picker, never swapped). */
  useItems: (search: string) => RowList;
  /** Translation keys. */
  text: { title: string; search: string; empty: string };
}

/** A searchable list of items, each a link that picks it. */
function SearchPicker({ selected, hrefFor, useItems, text }: SearchPickerProps): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const list = useItems(search);
  return (
    <ItemPicker
      title={t(text.title)}
      searchLabel={t(text.search)}
      search={search}
      onSearch={setSearch}
      items={list.rows}
      selected={selected}
      hrefFor={(item) => hrefFor(item.id)}
      loading={list.loading}
      status={list.status}
      empty={t(text.empty)}
    />
  );
}

const useCustomerUserSearch = (search: string): RowList => useCustomerUserRows({ filter: search });
const useCustomerSearch = (search: string): RowList => useCustomerRows({ filter: search });

export function CustomerUserPicker(props: PickerProps): ReactNode {
  return (
    <SearchPicker
      {...props}
      useItems={useCustomerUserSearch}
      text={{
        title: "nav.customerUsers",
        search: "matrix.searchCustomerUsers",
        empty: "matrix.noCustomerUsers",
      }}
    />
  );
}

export function CustomerPickerList(props: PickerProps): ReactNode {
  return (
    <SearchPicker
      {...props}
      useItems={useCustomerSearch}
      text={{ title: "nav.customers", search: "matrix.searchCustomers", empty: "matrix.noCustomers" }}
    />
  );
}

export function GroupPickerList(props: PickerProps): ReactNode {
  return (
    <SearchPicker
      {...props}
      useItems={useGroupRows}
      text={{ title: "nav.groups", search: "matrix.searchGroups", empty: "matrix.noGroups" }}
    />
  );
}

export function ServicePickerList(props: PickerProps): ReactNode {
  return (
    <SearchPicker
      {...props}
      useItems={useServiceRows}
      text={{ title: "nav.services", search: "matrix.searchServices", empty: "matrix.noServices" }}
    />
  );
}
