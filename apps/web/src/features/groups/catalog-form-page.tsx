import type { TypedDocumentNode } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { usePageTitle } from "../../app/page-title";
import { RecordPage } from "../../components/record-page";
import type { ValidState } from "../../gql/graphql";
import "./catalog.css";
import { HistoryPanel } from "../history/history-panel";
import { CatalogForm, catalogValues, toCatalogInput } from "./catalog-form";

type CatalogInput = ReturnType<typeof toCatalogInput>;

interface CatalogRecord {
  id: string;
  name: string;
  comment?: string | null;
  valid: ValidState;
}

/** What tells a group's add/edit page from a service's: its documents, routes and texts. */
export interface CatalogEntity<Item extends CatalogRecord, Loaded, Created, Updated> {
  /** The list the page comes from and returns to; an item's page is `${listPath}/${id}`. */
  listPath: string;
  /** Whose history the edit page shows. */
  historyKind: "group" | "service";
  /** Translation keys. */
  text: {
    addTitle: string;
    editTitle: string;
    formLabel: string;
    notFound: string;
    created: string;
    saved: string;
  };
  query: TypedDocumentNode<Loaded, { id: string }>;
  item: (data: Loaded) => Item | null | undefined;
  create: TypedDocumentNode<Created, { input: CatalogInput }>;
  created: (data: Created) => { id: string; name: string } | null | undefined;
  update: TypedDocumentNode<Updated, { id: string; input: CatalogInput }>;
  updated: (data: Updated) => { name: string } | null | undefined;
  /** The lists and pickers a new item joins. */
  refetchOnCreate: string[];
  /** The links below a saved item's form (its assignment screens). */
  related: (item: Item, t: TFunction) => ReactNode;
}

/** Add (`…/new`) or edit (`…/:id`) one catalog item: name, comment, valid. */
export function CatalogFormPage<Item extends CatalogRecord, Loaded, Created, Updated>({
  entity,
}: {
  entity: CatalogEntity<Item, Loaded, Created, Updated>;
}): ReactNode {
  const { t } = useTranslation();
  const { id } = useParams();
  const { listPath, text } = entity;
  const { data, error } = useQuery(entity.query, { variables: { id: id ?? "" }, skip: !id });
  const [create] = useMutation(entity.create, { refetchQueries: entity.refetchOnCreate });
  const [update] = useMutation(entity.update);
  const item = data ? entity.item(data) : undefined;
  const title = id ? t(text.editTitle, { name: item?.name ?? id }) : t(text.addTitle);
  usePageTitle(title);

  return (
    <RecordPage
      title={title}
      error={error}
      loading={Boolean(id && !data)}
      missing={Boolean(id && !item)}
      notFound={t(text.notFound)}
      listPath={listPath}
    >
      <CatalogForm
        key={item?.id ?? "new"}
        formLabel={t(text.formLabel)}
        initial={catalogValues(item ?? undefined)}
        listPath={listPath}
        onSave={async (values, finish, leave) => {
          const input = toCatalogInput(values);
          if (!item) {
            const result = await create({ variables: { input } });
            const created = result.data ? entity.created(result.data) : undefined;
            if (!created) return null;
            leave.go(finish ? leave.listUrl : `${listPath}/${encodeURIComponent(created.id)}`);
            return t(text.created, { name: created.name });
          }
          const result = await update({ variables: { id: item.id, input } });
          if (finish) leave.go(leave.listUrl);
          const updated = result.data ? entity.updated(result.data) : undefined;
          return t(text.saved, { name: updated?.name ?? values.name });
        }}
      />
      {item && (
        <nav className="related-links" aria-label={t("groups.assignments")}>
          {entity.related(item, t)}
        </nav>
      )}
      {item && (
        <HistoryPanel
          subject={{ kind: entity.historyKind, id: item.id }}
          version={`${item.name}|${item.comment ?? ""}|${item.valid}`}
        />
      )}
    </RecordPage>
  );
}
