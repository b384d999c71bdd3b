import type { CustomerUserFacade } from "../customer-users/facade";
import { attributeValue } from "../customer-users/fields";
import type { CustomerUserRecord, ValidId } from "../customer-users/sources/source";
import type { PermissionsService } from "../permissions/service";
import type { LoginThrottle } from "../security/login-throttle";
import type { Permission } from "../shared/permission";

/**
 * What an integrator learns when a customer user's password checks out (API.md §Agents and roles):
 * names and scalars only, nothing that leads on to other users, customers or the audit log.
 */
export interface CustomerUserIdentity {
  login: string;
  source: string;
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  customerId: string;
  customerIds: string[];
  validId: ValidId;
  /** Effective permissions by group name. */
  permissions: Array<{ group: string; permissions: Permission[] }>;
  /** Effective services by name. */
  services: string[];
}

/** `authenticateCustomerUser`: the throttled password check and the identity it answers with. */
export class CustomerUserAuthenticator {
  constructor(
    private readonly customerUsers: CustomerUserFacade,
    private readonly permissions: PermissionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Null on wrong credentials or a user that is not valid; RATE_LIMITED after too many failures. */
  async authenticate(login: string, password: string, client: string): Promise<CustomerUserIdentity | null> {
    const record = await this.throttle.attempt("customer-user", login, client, () =>
      this.customerUsers.authenticate(login, password),
    );
    return record ? this.identity(record) : null;
  }

  async identity(record: CustomerUserRecord): Promise<CustomerUserIdentity> {
    const [customerIds, permissions, services] = await Promise.all([
      this.customerUsers.customerIds(record),
      this.permissions.effectiveFor(record),
      this.permissions.effectiveServicesFor(record),
    ]);
    return {
      login: record.login,
      source: record.source,
      firstName: attributeValue(record, "firstName") ?? "",
      lastName: attributeValue(record, "lastName") ?? "",
      fullName: this.customerUsers.fullName(record),
      email: attributeValue(record, "email") ?? "",
      customerId: attributeValue(record, "customerId") ?? "",
      customerIds,
      validId: record.validId,
      permissions: permissions
        .map((p) => ({ group: p.group.name, permissions: [...p.permissions] }))
        .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)),
      services: services.map((s) => s.name).sort(),
    };
  }
}
