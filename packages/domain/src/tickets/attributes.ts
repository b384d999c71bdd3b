import { isPasswordAttribute } from "../config/map";
import type { CustomerUserFacade } from "../customer-users/facade";
import type { CustomerUserRecord } from "../customer-users/sources/source";
import type { CustomersService } from "../customers/service";
import { SourceUnavailableError } from "../errors";

/** The attributes of one customer user as the mapping sees them, or why there are none. */
export type AttributeLookup =
  | { found: true; login: string; customerId: string | null; attributes: Record<string, string | null> }
  | { found: false; reason: string };

/**
 * OTOBO's company map (Kernel/Config/Defaults.pm, CustomerCompany): merged into a customer user's
 * data by CustomerUserDataGet when company support is on; the user's own keys win.
 */
export const COMPANY_ATTRIBUTES: ReadonlyArray<{ attribute: string; label: string }> = [
  { attribute: "CustomerID", label: "CustomerID" },
  { attribute: "CustomerCompanyName", label: "Customer" },
  { attribute: "CustomerCompanyStreet", label: "Street" },
  { attribute: "CustomerCompanyZIP", label: "Zip" },
  { attribute: "CustomerCompanyCity", label: "City" },
  { attribute: "CustomerCompanyCountry", label: "Country" },
  { attribute: "CustomerCompanyURL", label: "URL" },
  { attribute: "CustomerCompanyComment", label: "Comment" },
];

export interface MappableAttribute {
  attribute: string;
  label: string;
  /** "customer user" or "customer" (company). */
  origin: "CUSTOMER_USER" | "CUSTOMER";
}

const lower = (s: string) => s.toLowerCase();

/** Reads customer users (every backend, LDAP included) with their company's attributes. */
export class CustomerUserAttributes {
  constructor(
    private readonly customerUsers: CustomerUserFacade,
    private readonly customers: CustomersService,
  ) {}

  /** Every attribute a mapping may name: every backend's map (no passwords), then the company's. */
  mappable(): MappableAttribute[] {
    const seen = new Map<string, MappableAttribute>();
    let company = false;
    for (const source of this.customerUsers.sources) {
      company ||= source.config.customerCompanySupport;
      for (const row of source.config.map) {
        if (isPasswordAttribute(row.attribute) || seen.has(row.attribute)) continue;
        seen.set(row.attribute, { attribute: row.attribute, label: row.label, origin: "CUSTOMER_USER" });
      }
    }
    seen.set("UserFullname", { attribute: "UserFullname", label: "Full name", origin: "CUSTOMER_USER" });
    if (company) {
      for (const a of COMPANY_ATTRIBUTES) {
        if (!seen.has(a.attribute)) seen.set(a.attribute, { ...a, origin: "CUSTOMER" });
      }
    }
    return [...seen.values()];
  }

  async one(login: string): Promise<AttributeLookup> {
    try {
      const record = await this.customerUsers.get(login);
      if (!record) return { found: false, reason: `customer user "${login}" not found` };
      return (await this.withCompanies([record])).get(lower(record.login))!;
    } catch (error) {
      if (error instanceof SourceUnavailableError) {
        return { found: false, reason: `customer user "${login}" could not be read: ${error.message}` };
      }
      throw error;
    }
  }

  /**
   * Batch lookup by lower-cased login. A backend that is down is skipped by the facade; its users
   * come back as not found with that reason, so the caller can say why the fields stay empty.
   */
  async many(logins: readonly string[]): Promise<Map<string, AttributeLookup>> {
    const records = await this.customerUsers.getMany(logins);
    const result = await this.withCompanies([...records.values()]);
    for (const login of logins) {
      if (!result.has(lower(login))) {
        result.set(lower(login), { found: false, reason: `customer user "${login}" not found` });
      }
    }
    return result;
  }

  private async withCompanies(records: CustomerUserRecord[]): Promise<Map<string, AttributeLookup>> {
    const wanted = records.filter(
      (r) => this.customerUsers.sourceOf(r).config.customerCompanySupport && r.attributes.UserCustomerID,
    );
    const companies = await this.customers.getMany([
      ...new Set(wanted.map((r) => r.attributes.UserCustomerID!)),
    ]);
    const out = new Map<string, AttributeLookup>();
    for (const record of records) {
      const attributes: Record<string, string | null> = {};
      const companySupport = this.customerUsers.sourceOf(record).config.customerCompanySupport;
      const company = companySupport ? companies.get(record.attributes.UserCustomerID ?? "") : undefined;
      if (company) {
        Object.assign(attributes, {
          CustomerID: company.customerId,
          CustomerCompanyName: company.name,
          CustomerCompanyStreet: company.street,
          CustomerCompanyZIP: company.zip,
          CustomerCompanyCity: company.city,
          CustomerCompanyCountry: company.country,
          CustomerCompanyURL: company.url,
          CustomerCompanyComment: company.comment,
        });
      }
      for (const [key, value] of Object.entries(record.attributes)) {
        if (!isPasswordAttribute(key)) attributes[key] = value;
      }
      attributes.UserFullname = this.customerUsers.fullName(record);
      out.set(lower(record.login), {
        found: true,
        login: record.login,
        customerId: record.attributes.UserCustomerID ?? null,
        attributes,
      });
    }
    return out;
  }
}
