// Bogotá time for people, built on Intl alone so the browser form shares it with the e-mails:
// `martes 17 de noviembre, 11:00 a. m.` / `Tuesday, November 17, 11:00 AM`.

const ZONE = 'America/Bogota';

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsOf(at: number, locale: 'es' | 'en'): Parts {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'es' ? 'es-CO' : 'en-US', {
      timeZone: ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    });
    formatters.set(locale, format);
  }
  const parts: Parts = {};
  for (const { type, value } of format.formatToParts(at)) parts[type] = value;
  return parts;
}

/** ICU puts narrow no-break spaces in "a. m." / "AM"; plain spaces read the same and survive every mail client. */
const plain = (text = '') => text.replace(/[\u00A0\u202F]/g, ' ');

/**
 * An instant as people read it, in Bogotá time. The year is shown when it differs from the year of `reference`
 * (e.g. the receipt of the ticket).
 */
export function formatForPeople(at: number, locale: 'es' | 'en', reference: number = at): string {
  const p = partsOf(at, locale);
  const showYear = p.year !== partsOf(reference, locale).year;
  const time = `${p.hour}:${p.minute} ${plain(p.dayPeriod)}`;
  return locale === 'es'
    ? `${p.weekday} ${p.day} de ${p.month}${showYear ? ` de ${p.year}` : ''}, ${time}`
    : `${p.weekday}, ${p.month} ${p.day}${showYear ? `, ${p.year}` : ''}, ${time}`;
}
