/** A feed-health alert for operators, as stored in the alerts stream. */
export interface FeedAlert {
  feedId: string;
  url: string;
  kind: 'failing' | 'dead' | 'recovered' | 'silent';
  message: string;
  at: number;
}

/** The stream entry's fields: the alert as one JSON field. Only this file knows the layout. */
export const alertFields = (alert: FeedAlert): [string, string] => ['json', JSON.stringify(alert)];

/** Reads an entry written by alertFields; undefined when the entry has no alert. */
export function alertFromFields(fields: readonly string[]): FeedAlert | undefined {
  const at = fields.indexOf('json');
  const json = at === -1 ? undefined : fields[at + 1];
  return json ? (JSON.parse(json) as FeedAlert) : undefined;
}
