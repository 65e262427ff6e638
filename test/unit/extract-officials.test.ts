import { describe, expect, it } from 'vitest';
import { AgencyFinder } from '../../src/extract/agencies.ts';
import { extractOfficials } from '../../src/extract/officials.ts';
import { fieldsOf } from '../support/fields.ts';

function officials(body: string, title = '') {
  const fields = fieldsOf(body, title);
  const finder = new AgencyFinder(fields, '2024-03-26');
  finder.scan();
  const found = extractOfficials(fields, finder);
  const agencies = finder.result();
  const agencyName = (k?: string) => (k ? agencies.agencies.find((a) => a.key === agencies.keyOf(k))?.name : undefined);
  return found.map((o) => ({
    name: o.name,
    roles: o.roles.map((r) => ({ title: r.title, agency: agencyName(r.agencyKey), ...(r.former ? { former: true } : {}), ...(r.acting ? { acting: true } : {}) })),
  }));
}

describe('officials', () => {
  it('reads title, agency and name in that order', () => {
    expect(officials('Thứ trưởng Bộ Tư pháp Nguyễn Thanh Tùng dự hội nghị.')).toEqual([
      { name: 'Nguyễn Thanh Tùng', roles: [{ title: 'Thứ trưởng', agency: 'Bộ Tư pháp' }] },
    ]);
  });

  it('reads a name followed by a dash and its title', () => {
    expect(officials('Đồng chí Lê Thị Kim Dung - Cục trưởng Cục Trợ giúp pháp lý phát biểu.')).toEqual([
      { name: 'Lê Thị Kim Dung', roles: [{ title: 'Cục trưởng', agency: 'Cục Trợ giúp pháp lý' }] },
    ]);
  });

  it('reads a name, a comma and a chain of titles', () => {
    expect(officials('Ông Đinh Văn Hùng, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Lạng Sơn chủ trì hội nghị.')).toEqual([
      { name: 'Đinh Văn Hùng', roles: [{ title: 'Tỉnh ủy viên', agency: undefined }, { title: 'Phó Chủ tịch', agency: 'Ủy ban nhân dân tỉnh Lạng Sơn' }] },
    ]);
  });

  it('strips honorifics and degrees from names', () => {
    expect(officials('PGS.TS. Trần Minh Đức, Viện trưởng Viện Khoa học pháp lý trình bày tham luận.').map((o) => o.name)).toEqual(['Trần Minh Đức']);
  });

  it('gives a shared plural title to every name in the list', () => {
    expect(officials('Dự hội nghị có các Phó Chủ tịch UBND tỉnh Hà Nam: Trần Xuân Dưỡng, Lê Thị Thu Hằng và Nguyễn Anh Chức.')).toEqual(
      ['Trần Xuân Dưỡng', 'Lê Thị Thu Hằng', 'Nguyễn Anh Chức'].map((name) => ({ name, roles: [{ title: 'Phó Chủ tịch', agency: 'Ủy ban nhân dân tỉnh Hà Nam' }] })),
    );
  });

  it('marks former and acting titles', () => {
    expect(officials('Nguyên Bộ trưởng Bộ Tư pháp Phùng Văn Khảm và Quyền Cục trưởng Cục Bổ trợ tư pháp Đỗ Ngọc Hà cùng dự.')).toEqual([
      { name: 'Phùng Văn Khảm', roles: [{ title: 'Bộ trưởng', agency: 'Bộ Tư pháp', former: true }] },
      { name: 'Đỗ Ngọc Hà', roles: [{ title: 'Quyền Cục trưởng', agency: 'Cục Bổ trợ tư pháp', acting: true }] },
    ]);
  });

  it('gives a bare title the body the context names', () => {
    expect(officials('Cục Bổ trợ tư pháp tổ chức hội nghị. Phó Cục trưởng Vũ Thị Hạnh chủ trì.')).toEqual([
      { name: 'Vũ Thị Hạnh', roles: [{ title: 'Phó Cục trưởng', agency: 'Cục Bổ trợ tư pháp' }] },
    ]);
  });

  it('gives the Prime Minister the Government without naming it in the text', () => {
    expect(officials('Thủ tướng Lương Quốc Bảo đã ký quyết định.')).toEqual([{ name: 'Lương Quốc Bảo', roles: [{ title: 'Thủ tướng', agency: 'Chính phủ' }] }]);
  });

  it('reads "Bộ trưởng Tư pháp" as the minister of the Ministry of Justice', () => {
    expect(officials('Nguyên Bộ trưởng Tư pháp Hồ Văn Lợi đã tới dự.')).toEqual([{ name: 'Hồ Văn Lợi', roles: [{ title: 'Bộ trưởng', agency: 'Bộ Tư pháp', former: true }] }]);
  });

  it('keeps military ranks as titles without a body', () => {
    expect(officials('Thượng tướng Trần Quốc Tuấn, Thứ trưởng Bộ Công an dự lễ.')).toEqual([
      { name: 'Trần Quốc Tuấn', roles: [{ title: 'Thượng tướng', agency: undefined }, { title: 'Thứ trưởng', agency: 'Bộ Công an' }] },
    ]);
  });

  it('does not take bylines or photo credits for officials', () => {
    expect(officials('Hội nghị kết thúc thành công.\nNguyễn Thu Trang\nẢnh: Hoàng Nam')).toEqual([]);
  });

  it('merges two mentions of one person and their titles', () => {
    const found = officials('Thứ trưởng Phan Chí Hậu chủ trì. Kết luận, Thứ trưởng Bộ Tư pháp Phan Chí Hậu đề nghị các đơn vị tiếp tục.');
    expect(found).toEqual([{ name: 'Phan Chí Hậu', roles: [{ title: 'Thứ trưởng', agency: 'Bộ Tư pháp' }] }]);
  });
});
