import type { Item } from '../../lib/contract/history.ts';
import { t } from '../../lib/i18n/t.ts';
import { relativeTime } from '../../lib/suggest/relative-time.ts';

function ItemList({
  title,
  items,
  testId,
  now,
}: {
  title: string;
  items: Item[];
  testId: string;
  now: Date;
}) {
  return (
    <div>
      <h3>{title}</h3>
      <ul class="plain">
        {items.map((item) => (
          <li key={`${item.kind}:${item.ref}:${item.at}`} data-testid={testId}>
            <span class="strong ut">{item.ref}</span> <span class="ut">{item.summary}</span>
            <span class="meta">
              <span class="ut">{item.status}</span> ·{' '}
              <time dateTime={item.at}>{relativeTime(new Date(item.at), now)}</time>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The flight that just landed, the next one booked, the order on its way. */
export function Items({ recent, upcoming, now }: { recent: Item[]; upcoming: Item[]; now: Date }) {
  if (recent.length === 0 && upcoming.length === 0) return null;
  return (
    <section class="block items" aria-labelledby="items-title">
      <h2 id="items-title">{t('itemsTitle')}</h2>
      {recent.length > 0 && <ItemList title={t('recent')} items={recent} testId="recent-item" now={now} />}
      {upcoming.length > 0 && (
        <ItemList title={t('upcoming')} items={upcoming} testId="upcoming-item" now={now} />
      )}
    </section>
  );
}
