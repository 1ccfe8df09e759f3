import { describe, expect, it } from 'vitest';
import { dispositionName } from './DownloadLink.tsx';

describe('dispositionName', () => {
  it('reads the UTF-8 name first, then the plain one', () => {
    expect(dispositionName(`attachment; filename="Fest _ floor plans.pdf"; filename*=UTF-8''Fest%20%E2%80%93%20floor%20plans.pdf`)).toBe(
      'Fest – floor plans.pdf',
    );
    expect(dispositionName('attachment; filename="plan.csv"')).toBe('plan.csv');
    expect(dispositionName(`attachment; filename="plan.csv"; filename*=UTF-8''%E2%80`)).toBe('plan.csv'); // a broken escape
    expect(dispositionName(null)).toBeNull();
    expect(dispositionName('inline')).toBeNull();
  });
});
