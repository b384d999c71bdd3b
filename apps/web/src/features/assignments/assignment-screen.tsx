import type { ComponentType, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AssignmentLayout } from "../../components/assignment-matrix/assignment-layout";
import { CustomerPickerList, CustomerUserPicker, GroupPickerList, ServicePickerList } from "./pickers";
import { directionHref, pickHref, usePick } from "./route";

/** One side of an assignment screen: the items picked from when the screen goes in this direction. */
export interface AssignmentSide {
  /** The direction's value in `?by=`. */
  by: string;
  /** The URL parameter holding the picked item (deep links). */
  param: string;
  /** Translation keys: the direction's tab and the notice shown until an item is picked. */
  label: string;
  pickPrompt: string;
  Picker: ComponentType<{ selected: string | null; hrefFor: (id: string) => string }>;
  /** The matrix for the picked item; keyed by it so that a new pick starts afresh. */
  editor: (picked: string) => ReactNode;
}

interface Props {
  path: string;
  title: string;
  intro: ReactNode;
  sides: readonly [AssignmentSide, AssignmentSide];
}

/** The two directions, the picker of the active one and the picked item's matrix, all following the URL. */
export function AssignmentScreen({ path, title, intro, sides }: Props): ReactNode {
  const { t } = useTranslation();
  const { by, picked } = usePick(sides);
  const side = sides.find((s) => s.by === by) ?? sides[0];
  const { Picker } = side;
  return (
    <AssignmentLayout
      picked={picked}
      title={title}
      intro={intro}
      directions={sides.map((s) => ({
        to: directionHref(path, s.by),
        label: t(s.label),
        active: s === side,
      }))}
      picker={<Picker selected={picked} hrefFor={(id) => pickHref(path, side.param, id)} />}
    >
      {picked ? side.editor(picked) : <p className="notice notice--info">{t(side.pickPrompt)}</p>}
    </AssignmentLayout>
  );
}

type Editor = AssignmentSide["editor"];

export function customerUserSide(editor: Editor): AssignmentSide {
  return {
    by: "customer-user",
    param: "customerUser",
    label: "assignments.byCustomerUser",
    pickPrompt: "assignments.pickCustomerUser",
    Picker: CustomerUserPicker,
    editor,
  };
}

export function customerSide(editor: Editor): AssignmentSide {
  return {
    by: "customer",
    param: "customer",
    label: "assignments.byCustomer",
    pickPrompt: "assignments.pickCustomer",
    Picker: CustomerPickerList,
    editor,
  };
}

export function groupSide(editor: Editor): AssignmentSide {
  return {
    by: "group",
    param: "group",
    label: "assignments.byGroup",
    pickPrompt: "assignments.pickGroup",
    Picker: GroupPickerList,
    editor,
  };
}

export function serviceSide(editor: Editor): AssignmentSide {
  return {
    by: "service",
    param: "service",
    label: "assignments.byService",
    pickPrompt: "assignments.pickService",
    Picker: ServicePickerList,
    editor,
  };
}
