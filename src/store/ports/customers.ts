import type { Customer } from '../../domain/types';

/** Customers by phone, and the platform identities that lead to them. */
export interface CustomersPort {
  getCustomer(phone: string): Promise<Customer | undefined>;
  putCustomer(customer: Customer): Promise<void>;
  listCustomers(): Promise<Customer[]>;
  /** A platform identity (e.g. "telegram:12345") → the phone number it belongs to. */
  getIdentity(key: string): Promise<string | undefined>;
  putIdentity(key: string, phone: string): Promise<void>;
}
