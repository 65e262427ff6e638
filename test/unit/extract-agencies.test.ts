import { describe, expect, it } from 'vitest';
import { AgencyFinder } from '../../src/extract/agencies.ts';
import { fieldsOf } from '../support/fields.ts';

function agencies(body: string, published = '2024-03-26', title = '') {
  const finder = new AgencyFinder(fieldsOf(body, title), published);
  finder.scan();
  return finder.result().agencies;
}

const names = (body: string, published?: string) => agencies(body, published).map((a) => a.name);

describe('agencies from the gazetteer', () => {
  it('finds ministries and their departments by name', () => {
    expect(names('Cục Trợ giúp pháp lý thuộc Bộ Tư pháp phối hợp với Bộ Công an.')).toEqual(['Cục Trợ giúp pháp lý', 'Bộ Tư pháp', 'Bộ Công an']);
  });

  it('links a department to the ministry written in apposition', () => {
    const [cuc, bo] = agencies('Đại diện Cục Trợ giúp pháp lý – Bộ Tư pháp phát biểu.');
    expect(cuc!.name).toBe('Cục Trợ giúp pháp lý');
    expect(cuc!.parentKey).toBe(bo!.key);
  });

  it('keeps same-named units of different ministries apart, each named with its parent', () => {
    expect(names('Vụ Pháp chế - Bộ Tài chính và Vụ Pháp chế (Bộ Y tế) cùng góp ý.')).toEqual([
      'Vụ Pháp chế - Bộ Tài chính',
      'Bộ Tài chính',
      'Vụ Pháp chế - Bộ Y tế',
      'Bộ Y tế',
    ]);
  });

  it('keeps a number that ends a unit name, not one that counts', () => {
    expect(names('Phòng Nghiệp vụ 1 tham mưu; Trung tâm Bồi dưỡng 3 tháng qua đã mở lớp.')).toEqual(['Phòng Nghiệp vụ 1', 'Trung tâm Bồi dưỡng']);
  });

  it('does not take a Party code inside a document number for an agency', () => {
    expect(names('Thực hiện Nghị quyết số 27-NQ/TW, Sở đã triển khai kế hoạch.')).toEqual([]);
  });

  it('keeps a foreign ministry apart from the Vietnamese one', () => {
    expect(names('Bộ Tư pháp tiếp đoàn công tác của Bộ Tư pháp Lào.')).toEqual(['Bộ Tư pháp', 'Bộ Tư pháp Lào']);
  });
});

describe('agencies by the shape of their names', () => {
  it('expands UBND and HĐND and reads the province', () => {
    expect(names('UBND tỉnh Quảng Ngãi và HĐND tỉnh Quảng Ngãi tổ chức hội nghị.')).toEqual(['Ủy ban nhân dân tỉnh Quảng Ngãi', 'Hội đồng nhân dân tỉnh Quảng Ngãi']);
  });

  it('completes a bare "UBND tỉnh" and a bare "Sở Tư pháp" with the one province the article names', () => {
    expect(names('Sở Tư pháp báo cáo UBND tỉnh về công tác hộ tịch trên địa bàn tỉnh Kon Tum.')).toEqual(['Sở Tư pháp tỉnh Kon Tum', 'Ủy ban nhân dân tỉnh Kon Tum']);
  });

  it('leaves the locality out when the article names none', () => {
    expect(names('Sở Tư pháp đã tham mưu cho UBND tỉnh ban hành kế hoạch.')).toEqual(['Sở Tư pháp', 'Ủy ban nhân dân tỉnh']);
  });

  it('reads Thành phố Hồ Chí Minh from TP.HCM-style prefixes', () => {
    expect(names('Sở Tư pháp TP. Hồ Chí Minh tổ chức tập huấn.')).toEqual(['Sở Tư pháp Thành phố Hồ Chí Minh']);
  });

  it('ends a proper name at a verb and expands an abbreviation the text defined', () => {
    expect(names('Trợ giúp pháp lý (TGPL) là chính sách lớn. Trung tâm TGPL nhà nước tỉnh Bắc Kạn tổ chức truyền thông.')).toEqual([
      'Trung tâm Trợ giúp pháp lý nhà nước tỉnh Bắc Kạn',
    ]);
  });

  it('keeps a "và" inside a name only before a capitalised part', () => {
    expect(names('Viện Khoa học Lao động và Xã hội và các đơn vị liên quan đã họp.')).toEqual(['Viện Khoa học Lao động và Xã hội']);
  });

  it('names a unit after the body it belongs to', () => {
    expect(names('Ban Pháp chế HĐND tỉnh Gia Lai giám sát việc thi hành pháp luật.')).toEqual(['Ban Pháp chế Hội đồng nhân dân tỉnh Gia Lai']);
  });

  it('reads the supreme court and procuracy', () => {
    expect(names('Tòa án nhân dân tối cao và VKSND tối cao ký quy chế.')).toEqual(['Tòa án nhân dân tối cao', 'Viện kiểm sát nhân dân tối cao']);
  });

  it('resolves "Cục" to the department named before, and counts it as a surface', () => {
    const [cuc] = agencies('Cục Bổ trợ tư pháp tổ chức hội nghị. Lãnh đạo Cục cho biết kết quả.');
    expect(cuc!.surfaces).toEqual(['Cục Bổ trợ tư pháp', 'Cục']);
    expect(cuc!.evidence.map((e) => e.rule)).toContain('agency.back-reference');
  });

  it('does not take generic plurals or sectors for agencies', () => {
    expect(names('Các sở, ban, ngành và ngành Tư pháp cần phối hợp chặt chẽ.')).toEqual([]);
  });

  it('merges a name with the same name localised to the province', () => {
    const found = agencies('Trung tâm Trợ giúp pháp lý nhà nước số 2 tổ chức tập huấn. Trung tâm Trợ giúp pháp lý nhà nước số 2 tỉnh Yên Bái đã hoàn thành.');
    expect(found.map((a) => a.name)).toEqual(['Trung tâm Trợ giúp pháp lý nhà nước số 2 tỉnh Yên Bái']);
  });

  it('gives spans that quote the text exactly', () => {
    const body = 'Sáng nay, Sở Tư pháp tỉnh Điện Biên làm việc với Bộ Tư pháp.';
    for (const a of agencies(body)) for (const e of a.evidence) expect(a.surfaces).toContain(body.slice(e.span.start, e.span.end));
  });
});
