import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { MatrixActions } from "../../components/assignment-matrix/assignment-layout";
import { AssignmentMatrix, type MatrixColumn } from "../../components/assignment-matrix/assignment-matrix";
import { type Assignments, useMatrixDraft } from "../../components/assignment-matrix/draft";
import { ErrorNotice } from "../../components/error-notice";
import { useUnsavedChangesGuard } from "../../components/unsaved-changes";
import type { RowList } from "./lists";

interface Props {
  /** "Groups of anna.devries" */
  heading: string;
  /** The picked item's name, for toasts. */
  itemName: string;
  rowHeader: string;
  /** The matrix's columns; one "assigned" column when left out (a plain membership). */
  columns?: readonly MatrixColumn[];
  saved: Assignments;
  list: RowList;
  filter: string;
  onFilterChange: (filter: string) => void;
  filterLabel: string;
  /** Saves the whole set; throws the server's error when refused. */
  onSave: (result: MatrixResult) => Promise<unknown>;
  /** Where "Save and finish" goes when the screen was not opened from somewhere else. */
  finishTo: string;
  /** Options above the matrix (e.g. the permission context). */
  options?: ReactNode;
  notice?: ReactNode;
  empty?: ReactNode;
}

/** One picked item's assignments: the matrix, the draft, Save / Save and finish, and the guard. */
export function AssignmentEditor({
  heading,
  itemName,
  rowHeader,
  columns,
  saved,
  list,
  filter,
  onFilterChange,
  filterLabel,
  onSave,
  finishTo,
  options,
  notice,
  empty,
}: Props): ReactNode {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const draft = useMatrixDraft(saved);
  const shownColumns = columns ?? [{ id: ASSIGNED, label: t("assignments.assigned") }];
  const guard = useUnsavedChangesGuard(draft.dirty);
  const [saving, setSaving] = useState(false);
  // Opened from elsewhere (e.g. a customer user's edit page): "Save and finish" goes back there.
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo;

  const save = async (finish: boolean): Promise<void> => {
    if (!draft.dirty) {
      // Nothing to save: "Save and finish" only leaves, and never reports a save that did not happen.
      if (finish) navigate(returnTo ?? finishTo);
      return;
    }
    setSaving(true);
    try {
      await onSave(draft.result());
      draft.discard();
      toast.success(t("matrix.saved", { name: itemName }));
      if (finish) {
        guard.allowNextNavigation();
        navigate(returnTo ?? finishTo);
      }
    } catch (error) {
      // The draft stays as it is, so nothing ticked is lost.
      toast.error(t("matrix.saveFailed", { name: itemName, message: errorMessage(error) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    // Not a landmark of its own: the matrix's scrolling list is the region named by this heading.
    <div className="assignment-editor">
      <h2>{heading}</h2>
      {notice}
      {options}
      <ErrorNotice error={list.error} />
      <AssignmentMatrix
        label={heading}
        rowHeader={rowHeader}
        columns={shownColumns}
        rows={list.rows}
        draft={draft}
        filter={filter}
        onFilterChange={onFilterChange}
        filterLabel={filterLabel}
        status={list.status}
        loading={list.loading}
        empty={empty}
      />
      <MatrixActions
        dirty={draft.dirty}
        saving={saving}
        loading={list.loading}
        onSave={() => void save(false)}
        onSaveAndFinish={() => void save(true)}
        onDiscard={draft.discard}
      />
      {guard.dialog}
    </div>
  );
}

/** Grants as the matrix holds them: row id → permissions. */
export function grantMap<T>(
  grants: readonly T[] | null | undefined,
  key: (grant: T) => string,
  permissions: (grant: T) => readonly string[],
): Map<string, ReadonlySet<string>> {
  const map = new Map<string, ReadonlySet<string>>();
  for (const grant of grants ?? []) {
    const id = key(grant);
    const set = new Set(map.get(id) ?? []);
    for (const p of permissions(grant)) set.add(p);
    map.set(id, set);
  }
  return map;
}

export const ASSIGNED = "assigned";

/** A plain membership list: every id ticked in the single "assigned" column. */
export function membershipMap(ids: readonly string[] | undefined): Map<string, ReadonlySet<string>> {
  const set: ReadonlySet<string> = new Set([ASSIGNED]);
  return new Map((ids ?? []).map((id) => [id, set]));
}

export function LoadError({ error }: { error: unknown }): ReactNode {
  return <ErrorNotice error={error} />;
}

/** Ticks per row as the matrix hands them over for a save. */
type MatrixResult = Map<string, ReadonlySet<string>>;

interface SideOptions<
  Data,
  Variables extends OperationVariables,
  Saved,
  SaveVariables extends OperationVariables,
  Item,
> {
  /** The picked item with what it has assigned. */
  query: TypedDocumentNode<Data, Variables>;
  variables: Variables;
  /** The picked item in the query's answer (null when there is no such item). */
  item: (data: Data) => Item | null | undefined;
  /** Saves the whole set. */
  mutation: TypedDocumentNode<Saved, SaveVariables>;
  saveVariables: (result: MatrixResult) => SaveVariables;
  /**
   * The big side (a group's or a customer's thousands of users). Its list is read straight from the
   * network and kept out of Apollo's normalised cache: normalising 10,000 users took seconds, and nothing
   * else reads them. A save answers with the key only and the query is fetched again before the draft is
   * cleared: one refetch is the same data once, where normalising a second copy from the mutation's
   * answer took several seconds.
   */
  big?: boolean;
  /** Other queries that show what the save changes. */
  refetch?: readonly string[];
}

/** One side's editor state: the picked item once loaded, the matrix filter and the save. */
export interface AssignmentSide<Item> {
  error: unknown;
  /** The query's answer; until it comes the editor says it is loading. */
  loaded: boolean;
  item: Item | null | undefined;
  filter: string;
  setFilter: (filter: string) => void;
  save: (result: MatrixResult) => Promise<unknown>;
}

/** Loads the picked item of one side of an assignment screen and saves its set: the same for every screen. */
export function useAssignmentSide<
  Data,
  Variables extends OperationVariables,
  Saved,
  SaveVariables extends OperationVariables,
  Item,
>({
  query,
  variables,
  item,
  mutation,
  saveVariables,
  big = false,
  refetch = [],
}: SideOptions<Data, Variables, Saved, SaveVariables, Item>): AssignmentSide<Item> {
  const [filter, setFilter] = useState("");
  const { data, error } = useQuery(query, {
    variables,
    fetchPolicy: big ? "no-cache" : "cache-and-network",
  });
  const [mutate] = useMutation(mutation, {
    refetchQueries: [...(big ? [query] : []), ...refetch, "EffectivePermissions"],
    awaitRefetchQueries: big,
  });
  return {
    error,
    loaded: data !== undefined,
    item: data === undefined ? undefined : item(data),
    filter,
    setFilter,
    save: (result) => mutate({ variables: saveVariables(result) }),
  };
}

type EditorProps = Omit<Props, "heading" | "itemName" | "notice" | "filter" | "onFilterChange" | "onSave">;

interface SideEditorProps<Item> extends EditorProps {
  side: AssignmentSide<Item>;
  /** The message when the answer holds no such item (a side whose item always exists has none). */
  notFound?: () => string;
  /** What the editor says of the loaded item. */
  describe: (item: Item) => { heading: string; itemName: string; notice?: ReactNode };
}

/** The side's editor once its item has loaded; the load error, a loading note or "not found" until then. */
export function SideEditor<Item>({ side, notFound, describe, ...editor }: SideEditorProps<Item>): ReactNode {
  const { t } = useTranslation();
  if (side.error) return <LoadError error={side.error} />;
  if (!side.loaded) return <p role="status">{t("common.loading")}</p>;
  if (!side.item) return <p className="notice notice--error">{notFound?.()}</p>;
  return (
    <AssignmentEditor
      {...editor}
      {...describe(side.item)}
      filter={side.filter}
      onFilterChange={side.setFilter}
      onSave={side.save}
    />
  );
}
