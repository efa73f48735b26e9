import { describe, expect, it } from 'vitest';
import { renderStats, type OpsStats } from '../../../../src/core/ops/stats-text.js';

const stats: OpsStats = {
  chats: {
    byKind: { private: { uk: 3, ru: 1 }, channel: { uk: 2 }, supergroup: { ru: 4 } },
    active: 7,
    deactivated: 2,
    paused: 1,
  },
  storiesPerDay: { uk: 812, ru: 340 },
  queues: { poll: { waiting: 2, active: 1 }, deliver: { waiting: 0, failed: 5 } },
  deliveries: { sent: 1200, failed: { forbidden: 3, 'rate-limited': 9, transient: 1 } },
  feeds: { total: 41, byStatus: { ok: 38, failing: 2, dead: 1 } },
};

describe('renderStats', () => {
  it('writes one fact per line: chats by kind (sorted), stories, feeds, queues, deliveries', () => {
    expect(renderStats(stats).split('\n')).toEqual([
      'Chats',
      '  channel: 2 (uk 2, ru 0)',
      '  private: 4 (uk 3, ru 1)',
      '  supergroup: 4 (uk 0, ru 4)',
      '  active 7, deactivated 2, paused 1',
      '',
      'Stories in the last 24 h',
      '  uk: 812',
      '  ru: 340',
      '',
      'Feeds: 41',
      '  ok: 38',
      '  failing: 2',
      '  dead: 1',
      '',
      'Queues',
      '  poll: waiting 2, active 1',
      '  deliver: waiting 0, failed 5',
      '',
      'Deliveries in the last 24 h',
      '  sent: 1200',
      // The total of the reasons, then the reasons, most frequent first.
      '  failed: 13',
      '    rate-limited: 9',
      '    forbidden: 3',
      '    transient: 1',
    ]);
  });

  it('says none where there is nothing to list', () => {
    const empty: OpsStats = {
      chats: { byKind: {}, active: 0, deactivated: 0, paused: 0 },
      storiesPerDay: { uk: 0, ru: 0 },
      queues: {},
      deliveries: { sent: 0, failed: {} },
      feeds: { total: 0, byStatus: {} },
    };
    const lines = renderStats(empty).split('\n');
    expect(lines.slice(0, 3)).toEqual(['Chats', '  none', '  active 0, deactivated 0, paused 0']);
    expect(lines[lines.indexOf('Feeds: 0') + 1]).toBe('  none');
    expect(lines[lines.indexOf('Queues') + 1]).toBe('  none');
    expect(lines.slice(-2)).toEqual(['  sent: 0', '  failed: 0']);
  });
});
