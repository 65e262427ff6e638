import { describe, expect, it } from 'vitest';
import { parsePublicationDate } from '../../src/ingest/publication-date.ts';

describe('parsePublicationDate', () => {
  it.each([
    ['26/03/2024', { date: '2024-03-26' }],
    ['6/3/2024', { date: '2024-03-06' }],
    ['26/03/2024 08:15', { date: '2024-03-26', time: '08:15' }],
    ['03/04/2024', { date: '2024-04-03' }],
    ['Thứ Ba, 26/03/2024 - 08:15 (GMT+7)', { date: '2024-03-26', time: '08:15' }],
    ['Cập nhật: 09-11-2013 | 00:00:00', { date: '2013-11-09', time: '00:00' }],
    ['Ngày đăng: 16.04.2024', { date: '2024-04-16' }],
    ['2024-03-26', { date: '2024-03-26' }],
    ['2024-03-26T08:15:00+07:00', { date: '2024-03-26', time: '08:15' }],
    ['2024-03-26T20:30:00Z', { date: '2024-03-27', time: '03:30' }],
    ['29/02/2024', { date: '2024-02-29' }],
  ])('reads %s day first', (line, expected) => {
    const r = parsePublicationDate(line);
    expect(r).toMatchObject({ ok: true, ...expected });
    if (r?.ok && !('time' in expected)) expect(r.time).toBeUndefined();
  });

  it.each(['31/02/2024', '29/02/2023', '00/00/0000', '31/04/2024', '2024-13-01', '32/01/2024'])('rejects the impossible date %s', (line) => {
    expect(parsePublicationDate(line)).toMatchObject({ ok: false, code: 'date_impossible' });
  });

  it('rejects years outside the range loa accepts', () => {
    expect(parsePublicationDate('01/01/1800')).toMatchObject({ ok: false, code: 'date_out_of_range' });
  });

  it('reads a two-digit year as 20yy and says so', () => {
    expect(parsePublicationDate('26/03/24')).toEqual({ ok: true, date: '2024-03-26', twoDigitYear: true });
  });

  it.each(['Chiều ngày 25/03/2024, Thứ trưởng Trần Tiến Dũng có buổi làm việc', 'Cục Trợ giúp pháp lý', '', '144/2017/NĐ-CP'])(
    'does not take a body line for a date line: %s',
    (line) => {
      expect(parsePublicationDate(line)).toBeNull();
    },
  );

  it('ignores an impossible clock time but keeps the date', () => {
    expect(parsePublicationDate('26/03/2024 25:61')).toEqual({ ok: true, date: '2024-03-26', twoDigitYear: false });
  });
});
