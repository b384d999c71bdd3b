import { useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { errorMessage } from "../../app/errors";
import { useCanWrite } from "../../app/session";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { getFragmentData } from "../../gql";
import type { GroupPermission, ValidState } from "../../gql/graphql";
import { GroupFields, GroupsListQuery } from "../groups/operations";
import { CustomerPicker } from "./customer-picker";
import {
  AddCustomerUsersToCustomerMutation,
  AddCustomerUsersToGroupMutation,
  SetCustomerUsersValidMutation,
} from "./operations";

interface Props {
  /** The ticked rows' logins. */
  selected: readonly string[];
  onClear: () => void;
  onExport: () => void;
}

/**
 * What can be done with the ticked rows: set them valid or invalid, add them to a group or assign them
 * a customer (each one transaction on the server, after a confirmation that says how many records
 * change), export them, or clear the selection.
 */
export function CustomerUserBulkActions({ selected, onClear, onExport }: Props): ReactNode {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [asked, setAsked] = useState<ValidState | null>(null);
  const [setValid, { loading }] = useMutation(SetCustomerUsersValidMutation, {
    refetchQueries: ["CustomerUsers"],
    awaitRefetchQueries: true,
  });
  const [addOpen, setAddOpen] = useState(false);
  const [groupId, setGroupId] = useState("");
  const [permission, setPermission] = useState<GroupPermission>("RO");
  const groupFieldId = useId();
  const groups = useQuery(GroupsListQuery, { skip: !addOpen });
  const [addToGroup, adding] = useMutation(AddCustomerUsersToGroupMutation, {
    refetchQueries: ["EffectivePermissions"],
  });
  const [assignOpen, setAssignOpen] = useState(false);
  const [customerId, setCustomerId] = useState("");
  const [customerMissing, setCustomerMissing] = useState(false);
  const [assignCustomer, assigning] = useMutation(AddCustomerUsersToCustomerMutation, {
    refetchQueries: ["CustomerUsers"],
    awaitRefetchQueries: true,
  });
  if (selected.length === 0) return null;
  const count = selected.length;
  const groupList = getFragmentData(GroupFields, groups.data?.groups) ?? [];
  const groupName = groupList.find((g) => g.id === groupId)?.name ?? "";
  const add = async (): Promise<void> => {
    if (!groupId) return;
    try {
      const result = await addToGroup({
        variables: { groupId, logins: [...selected], permissions: [permission] },
      });
      const changed = result.data?.addCustomerUsersToGroup.changed ?? 0;
      toast.success(t("bulk.addedToGroup", { count: changed, group: groupName, unchanged: count - changed }));
      setAddOpen(false);
    } catch (error) {
      toast.error(t("bulk.failed", { message: errorMessage(error) }));
    }
  };
  const assign = async (): Promise<void> => {
    const picked = customerId.trim();
    if (!picked) {
      setCustomerMissing(true);
      return;
    }
    try {
      const result = await assignCustomer({ variables: { customerId: picked, logins: [...selected] } });
      const changed = result.data?.addCustomerUsersToCustomer.changed ?? 0;
      toast.success(t("bulk.assigned", { count: changed, customer: picked, unchanged: count - changed }));
      setAssignOpen(false);
      setCustomerId("");
    } catch (error) {
      toast.error(t("bulk.failed", { message: errorMessage(error) }));
    }
  };
  const run = async (): Promise<void> => {
    if (!asked) return;
    try {
      const result = await setValid({ variables: { logins: [...selected], valid: asked } });
      const changed = result.data?.setCustomerUsersValid.changed ?? 0;
      toast.success(t("bulk.done", { count: changed, unchanged: count - changed }));
      onClear();
    } catch (error) {
      toast.error(t("bulk.failed", { message: errorMessage(error) }));
    } finally {
      setAsked(null);
    }
  };
  const stateLabel = (v: ValidState) => t(`valid.${v}`);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of actions, not a form group
    <div className="bulk-bar" role="group" aria-label={t("bulk.label")}>
      <span role="status">{t("bulk.selected", { count })}</span>
      {canWrite && (
        <>
          <button type="button" className="button" onClick={() => setAsked("VALID")}>
            {t("bulk.setValid")}
          </button>
          <button type="button" className="button" onClick={() => setAsked("INVALID")}>
            {t("bulk.setInvalid")}
          </button>
          <button type="button" className="button" onClick={() => setAddOpen(true)}>
            {t("bulk.addToGroup")}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setCustomerMissing(false);
              setAssignOpen(true);
            }}
          >
            {t("bulk.assignCustomer")}
          </button>
        </>
      )}
      <button type="button" className="button" onClick={onExport}>
        {t("bulk.exportSelected")}
      </button>
      <button type="button" className="button button--link" onClick={onClear}>
        {t("bulk.clear")}
      </button>
      <ConfirmDialog
        open={asked !== null}
        title={t("bulk.confirmTitle", { count, state: asked ? stateLabel(asked) : "" })}
        confirmLabel={t("bulk.confirm", { count })}
        cancelLabel={t("form.cancel")}
        busy={loading}
        onConfirm={() => void run()}
        onCancel={() => setAsked(null)}
      >
        <p>{t("bulk.confirmText", { count, state: asked ? stateLabel(asked) : "" })}</p>
        {loading && (
          <p role="status" className="bulk-progress">
            <progress aria-label={t("bulk.working", { count })} /> {t("bulk.working", { count })}
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={addOpen}
        title={t("bulk.addTitle", { count })}
        confirmLabel={t("bulk.confirm", { count })}
        cancelLabel={t("form.cancel")}
        busy={adding.loading}
        onConfirm={() => void add()}
        onCancel={() => setAddOpen(false)}
      >
        <p>{t("bulk.addText", { count })}</p>
        <div className="field">
          <label htmlFor={groupFieldId}>{t("bulk.group")}</label>
          <select id={groupFieldId} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t("bulk.pickGroup")}</option>
            {groupList.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="bulk-permission">
          <legend>{t("bulk.permission")}</legend>
          {(["RO", "RW"] as const).map((p) => (
            <label key={p}>
              <input
                type="radio"
                name="bulk-permission"
                checked={permission === p}
                onChange={() => setPermission(p)}
              />
              {t(`permissions.${p === "RO" ? "roLong" : "rwLong"}`)}
            </label>
          ))}
        </fieldset>
        {adding.loading && (
          <p role="status" className="bulk-progress">
            <progress aria-label={t("bulk.working", { count })} /> {t("bulk.working", { count })}
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={assignOpen}
        title={t("bulk.assignTitle", { count })}
        confirmLabel={t("bulk.confirm", { count })}
        cancelLabel={t("form.cancel")}
        busy={assigning.loading}
        onConfirm={() => void assign()}
        onCancel={() => setAssignOpen(false)}
      >
        <p>{t("bulk.assignText", { count })}</p>
        <CustomerPicker
          label={t("bulk.customer")}
          required
          value={customerId}
          error={customerMissing ? t("bulk.pickCustomer") : undefined}
          onChange={(value) => {
            setCustomerId(value);
            if (value.trim()) setCustomerMissing(false);
          }}
          onBlur={() => {}}
        />
        {assigning.loading && (
          <p role="status" className="bulk-progress">
            <progress aria-label={t("bulk.working", { count })} /> {t("bulk.working", { count })}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
