import { loadAppConfig } from '../config/app-config.js';

describe('scheduler and mail settings', () => {
  it('R-TIME-2 defaults: jobs every minute, reminders 30 and 7 days before, e-mail to files', () => {
    expect(loadAppConfig({})).toMatchObject({
      jobs: { enabled: true, intervalMs: 60_000, reminderDays: [30, 7] },
      mail: { from: 'Behörighet <no-reply@behorighet.local>' },
    });
    expect(loadAppConfig({}).mail.smtpUrl).toBeUndefined();
  });

  it('R-TIME-2 reads JOBS_ENABLED, JOBS_INTERVAL_MS, REMINDER_DAYS, SMTP_URL and MAIL_FROM', () => {
    const config = loadAppConfig({ JOBS_ENABLED: '0', JOBS_INTERVAL_MS: '5000', REMINDER_DAYS: '7, 60,30,7', SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'HR <hr@acme.se>' });
    expect(config.jobs).toEqual({ enabled: false, intervalMs: 5000, reminderDays: [60, 30, 7] });
    expect(config.mail).toEqual({ smtpUrl: 'smtp://mail:25', from: 'HR <hr@acme.se>' });
  });

  it('R-TIME-4 under the test clock the interval is off unless JOBS_ENABLED=1 (tests run the jobs on demand)', () => {
    expect(loadAppConfig({ APP_TEST_CLOCK: '1' }).jobs.enabled).toBe(false);
    expect(loadAppConfig({ APP_TEST_CLOCK: '1', JOBS_ENABLED: '1' }).jobs.enabled).toBe(true);
    expect(loadAppConfig({ JOBS_ENABLED: 'false' }).jobs.enabled).toBe(false);
  });

  it('refuses reminder days that are not positive whole days', () => {
    for (const bad of ['', '30,x', '0', '-7', '1.5']) expect(() => loadAppConfig({ REMINDER_DAYS: bad })).toThrow('REMINDER_DAYS');
  });
});
