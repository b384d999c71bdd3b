import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { MatrixActions } from "../../components/assignment-matrix/assignment-layout";
import { AssignmentMatrix, type MatrixColumn } from "../../components/assignment-matrix/assignment-matrix";
import { type Assignments, useMatrixDraft } from "../../components/assignment-matrix/draft";
import { useUnsavedChangesGuard } from "../../components/unsaved-changes";
import type { RowList } from "./lists";

interface Props {
  /** "Groups of anna.devries" */
  heading: string;
  /** The picked item's name, for toasts. */
  itemName: string;
  rowHeader: string;
  columns: readonly MatrixColumn[];
  saved: Assignments;
  list: RowList;
  filter: string;
  onFilterChange: (filter: string) => void;
  filterLabel: string;
  /** Saves the whole set; throws the server's error when refused. */
  onSave: (result: Map<string, ReadonlySet<string>>) => Promise<unknown>;
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
      {list.error ? (
        <div className="notice notice--error" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : null}
      <AssignmentMatrix
        label={heading}
        rowHeader={rowHeader}
        columns={columns}
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
  grants: readonly T[] | undefined,
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

/**
 * For saves on the big side (a group's or a customer's thousands of users): the mutation answers with the key
 * only and the screen's own query is fetched again before the draft is cleared. Normalising a second copy of
 * 10,000 users from the mutation's answer took Apollo several seconds; one refetch is the same data once.
 */
export function refetchAfterSave(query: string): { refetchQueries: string[]; awaitRefetchQueries: true } {
  return { refetchQueries: [query, "EffectivePermissions"], awaitRefetchQueries: true };
}

/**
 * The big side's list (thousands of users with their grants) is read straight from the network and kept
 * out of Apollo's normalised cache: normalising 10,000 users took seconds, and nothing else reads them.
 */
export const BIG_SIDE_FETCH_POLICY = "no-cache" as const;

export function LoadError({ error }: { error: unknown }): ReactNode {
  return (
    <div className="notice notice--error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

interface PickedItemProps<Item> {
  error: unknown;
  /** The query's answer; until it comes the editor says it is loading. */
  data: unknown;
  item: Item | null | undefined;
  /** The message when the answer holds no such item. */
  notFound: () => string;
  children: (item: Item) => ReactNode;
}

/** The picked item's editor once its query has answered; the load error, a loading note or "not found" until then. */
export function PickedItem<Item>({
  error,
  data,
  item,
  notFound,
  children,
}: PickedItemProps<Item>): ReactNode {
  const { t } = useTranslation();
  if (error) return <LoadError error={error} />;
  if (!data) return <p role="status">{t("common.loading")}</p>;
  if (!item) return <p className="notice notice--error">{notFound()}</p>;
  return children(item);
}
