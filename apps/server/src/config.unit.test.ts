import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('trusts no proxy by default and reads SEATFOLD_TRUST_PROXY as a count of proxies', () => {
    expect(readConfig({}).trustedProxies).toBe(0);
    expect(readConfig({ SEATFOLD_TRUST_PROXY: '1' }).trustedProxies).toBe(1);
    expect(readConfig({ SEATFOLD_TRUST_PROXY: ' ' }).trustedProxies).toBe(0);
  });

  it('stops start-up with what to fix for a value that is not a small count', () => {
    for (const bad of ['yes', '-1', '1.5', '11']) {
      expect(() => readConfig({ SEATFOLD_TRUST_PROXY: bad })).toThrow(/SEATFOLD_TRUST_PROXY must be the number of reverse proxies/);
    }
  });
});

describe('the disk reserve', () => {
  it('keeps the store default unless SEATFOLD_DISK_RESERVE_MB says otherwise; 0 turns the check off', () => {
    expect(readConfig({}).diskReserveMb).toBeUndefined();
    expect(readConfig({ SEATFOLD_DISK_RESERVE_MB: '512' }).diskReserveMb).toBe(512);
    expect(readConfig({ SEATFOLD_DISK_RESERVE_MB: '0' }).diskReserveMb).toBe(0);
    for (const bad of ['lots', '-5', '1.5']) {
      expect(() => readConfig({ SEATFOLD_DISK_RESERVE_MB: bad })).toThrow(/SEATFOLD_DISK_RESERVE_MB must be the megabytes/);
    }
  });
  it('keeps the default plans per address a minute unless SEATFOLD_PLANS_PER_MINUTE sets it', () => {
    expect(readConfig({}).plansPerMinute).toBeUndefined();
    expect(readConfig({ SEATFOLD_PLANS_PER_MINUTE: '60' }).plansPerMinute).toBe(60);
    for (const bad of ['0', '-1', '2.5', 'lots', '10001'])
      expect(() => readConfig({ SEATFOLD_PLANS_PER_MINUTE: bad })).toThrow(/^SEATFOLD_PLANS_PER_MINUTE must be the new plans one address may create/);
  });

  it('has no database size limit unless SEATFOLD_DB_MAX_MB sets one', () => {
    expect(readConfig({}).databaseMaxMb).toBeUndefined();
    expect(readConfig({ SEATFOLD_DB_MAX_MB: '20000' }).databaseMaxMb).toBe(20_000);
    for (const bad of ['big', '-1', '2.5', '1e12']) {
      expect(() => readConfig({ SEATFOLD_DB_MAX_MB: bad })).toThrow(/^SEATFOLD_DB_MAX_MB must be the megabytes the database may hold/);
    }
  });
});
