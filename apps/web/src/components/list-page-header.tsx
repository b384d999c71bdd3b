import type { ReactNode } from "react";
import { Link } from "react-router";
import { ErrorNotice } from "./error-notice";

interface ListPageHeaderProps {
  title: string;
  /** The "Add …" link, left out for agents who may not write. */
  add?: { to: string; label: string } | null;
  /** Further buttons beside the add link. */
  actions?: ReactNode;
  intro?: string;
  error?: unknown;
  /** "12 agents", once the rows are there. */
  count?: string | null;
}

/** The top of a catalog list page: title with its add link, intro, load error and row count. */
export function ListPageHeader({ title, add, actions, intro, error, count }: ListPageHeaderProps): ReactNode {
  const addLink = add && (
    <Link to={add.to} className="button button--primary">
      {add.label}
    </Link>
  );
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {actions ? (
          <div className="page-header-actions">
            {actions}
            {addLink}
          </div>
        ) : (
          addLink
        )}
      </div>
      {intro && <p className="page-intro">{intro}</p>}
      <ErrorNotice error={error} />
      {count && (
        <p className="result-count" role="status">
          {count}
        </p>
      )}
    </>
  );
}
