import { describe, expect, it } from 'vitest';
import { agencyFamily, type PersonSighting, resolvePeople } from '../../src/link/people.ts';

const s = (announcementId: string, name: string, families: string[]): PersonSighting => ({ announcementId, key: 'p1', name, families });

describe('people across announcements', () => {
  it('makes one person of the same name in the same family of bodies', () => {
    const index = resolvePeople([s('a', 'Trần Văn An', ['bo-tu-phap']), s('b', 'Trần Văn An', ['bo-tu-phap'])]);
    expect(index.size).toBe(1);
    expect(index.idOf('a', 'p1')).toBe('tran-van-an');
    expect(index.idOf('b', 'p1')).toBe('tran-van-an');
  });

  it('keeps homonyms in unrelated bodies apart, named after their bodies', () => {
    const index = resolvePeople([s('a', 'Trần Văn An', ['province-36']), s('b', 'Trần Văn An', ['bo-cong-an'])]);
    expect(index.size).toBe(2);
    expect(index.idOf('a', 'p1')).toBe('tran-van-an-province-36');
    expect(index.idOf('b', 'p1')).toBe('tran-van-an-bo-cong-an');
  });

  it('joins a sighting without a body to its namesakes only when they are one person', () => {
    const one = resolvePeople([s('a', 'Trần Văn An', ['bo-tu-phap']), s('b', 'Trần Văn An', [])]);
    expect(one.idOf('b', 'p1')).toBe(one.idOf('a', 'p1'));
    const two = resolvePeople([s('a', 'Trần Văn An', ['bo-tu-phap']), s('b', 'Trần Văn An', ['province-01']), s('c', 'Trần Văn An', [])]);
    expect(two.size).toBe(3);
    expect(new Set(['a', 'b', 'c'].map((id) => two.idOf(id, 'p1'))).size).toBe(3);
  });

  it('links a promotion across two bodies of one family through a shared sighting', () => {
    const index = resolvePeople([s('a', 'Lê Thu Hà', ['province-26']), s('b', 'Lê Thu Hà', ['province-26', 'hoi-luat-gia']), s('c', 'Lê Thu Hà', ['hoi-luat-gia'])]);
    expect(index.size).toBe(1);
  });

  it('does not depend on the order of the sightings', () => {
    const list = [s('a', 'Trần Văn An', ['province-36']), s('b', 'Trần Văn An', ['bo-cong-an']), s('c', 'Trần Văn An', ['province-36'])];
    const forward = resolvePeople(list);
    const backward = resolvePeople([...list].reverse());
    for (const id of ['a', 'b', 'c']) expect(backward.idOf(id, 'p1')).toBe(forward.idOf(id, 'p1'));
  });

  it('unifies tone placement in names', () => {
    expect(resolvePeople([s('a', 'Nguyễn Thị Thuỷ', ['bo-tu-phap']), s('b', 'Nguyễn Thị Thủy', ['bo-tu-phap'])]).size).toBe(1);
  });
});

describe('agency families', () => {
  it('climb to the ministry for a department, stop at the Government', () => {
    expect(agencyFamily({ referenceId: 'cuc-tro-giup-phap-ly', name: 'Cục Trợ giúp pháp lý' })).toBe('bo-tu-phap');
    expect(agencyFamily({ referenceId: 'bo-tu-phap', name: 'Bộ Tư pháp' })).toBe('bo-tu-phap');
  });

  it('group provincial bodies by province', () => {
    expect(agencyFamily({ provinceCode: '42', name: 'Sở Tư pháp tỉnh Hà Tĩnh' })).toBe('province-42');
  });
});
