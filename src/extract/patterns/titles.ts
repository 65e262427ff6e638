/**
 * Titles of office in their base form (without the body they belong to), as the
 * gold rules and official usage write them. Each is matched case-insensitively,
 * with "Phó" and "Quyền" forms, and "Thường trực" or "thứ Nhất" after it.
 */

export interface TitleEntry {
  /** Base form with official capitalisation. */
  base: string;
  /** Head of the body a bare title belongs to ("Cục trưởng" → a "Cục"), for resolving it from context. */
  head?: string;
  /** Body the title implies when none is written ("Thủ tướng" → Chính phủ): a gazetteer id. */
  implied?: string;
  /** Military and police ranks: held alongside a post, never attached to a body. */
  rank?: boolean;
  /** The title ends with the head of its body ("Trưởng ban Tổ chức hội thảo" → "Ban Tổ chức hội thảo"). */
  carriesHead?: string;
}

const posts: TitleEntry[] = [
  { base: 'Thủ tướng', implied: 'chinh-phu' },
  { base: 'Phó Thủ tướng', implied: 'chinh-phu' },
  { base: 'Phó Thủ tướng Thường trực', implied: 'chinh-phu' },
  { base: 'Chủ tịch nước' },
  { base: 'Phó Chủ tịch nước' },
  { base: 'Tổng Bí thư', implied: 'ban-chap-hanh-trung-uong-dang' },
  { base: 'Thường trực Ban Bí thư', implied: 'ban-bi-thu' },
  { base: 'Bộ trưởng', head: 'Bộ' },
  { base: 'Quyền Bộ trưởng', head: 'Bộ' },
  { base: 'Thứ trưởng', head: 'Bộ' },
  { base: 'Thứ trưởng Thường trực', head: 'Bộ' },
  { base: 'Chủ tịch' },
  { base: 'Phó Chủ tịch' },
  { base: 'Phó Chủ tịch Thường trực' },
  { base: 'Phó Chủ tịch thứ Nhất' },
  { base: 'Chủ nhiệm' },
  { base: 'Phó Chủ nhiệm' },
  { base: 'Tổng cục trưởng', head: 'Tổng cục' },
  { base: 'Phó Tổng cục trưởng', head: 'Tổng cục' },
  { base: 'Cục trưởng', head: 'Cục' },
  { base: 'Phó Cục trưởng', head: 'Cục' },
  { base: 'Quyền Cục trưởng', head: 'Cục' },
  { base: 'Vụ trưởng', head: 'Vụ' },
  { base: 'Phó Vụ trưởng', head: 'Vụ' },
  { base: 'Quyền Vụ trưởng', head: 'Vụ' },
  { base: 'Viện trưởng', head: 'Viện' },
  { base: 'Phó Viện trưởng', head: 'Viện' },
  { base: 'Chánh án', head: 'Tòa án' },
  { base: 'Phó Chánh án', head: 'Tòa án' },
  { base: 'Chánh Văn phòng', head: 'Văn phòng' },
  { base: 'Phó Chánh Văn phòng', head: 'Văn phòng' },
  { base: 'Chánh Thanh tra', head: 'Thanh tra' },
  { base: 'Phó Chánh Thanh tra', head: 'Thanh tra' },
  { base: 'Tổng Thanh tra', implied: 'thanh-tra-chinh-phu' },
  { base: 'Phó Tổng Thanh tra', implied: 'thanh-tra-chinh-phu' },
  { base: 'Giám đốc' },
  { base: 'Phó Giám đốc' },
  { base: 'Quyền Giám đốc' },
  { base: 'Tổng Giám đốc' },
  { base: 'Phó Tổng Giám đốc' },
  { base: 'Trưởng ban', head: 'Ban', carriesHead: 'Ban' },
  { base: 'Phó Trưởng ban', head: 'Ban', carriesHead: 'Ban' },
  { base: 'Trưởng phòng', head: 'Phòng', carriesHead: 'Phòng' },
  { base: 'Phó Trưởng phòng', head: 'Phòng', carriesHead: 'Phòng' },
  { base: 'Trưởng khoa', carriesHead: 'Khoa' },
  { base: 'Phó Trưởng khoa', carriesHead: 'Khoa' },
  { base: 'Trưởng đoàn' },
  { base: 'Phó Trưởng đoàn' },
  { base: 'Trưởng Công an' },
  { base: 'Phó Trưởng Công an' },
  { base: 'Hiệu trưởng', head: 'Trường' },
  { base: 'Phó Hiệu trưởng', head: 'Trường' },
  { base: 'Tổng Thư ký' },
  { base: 'Phó Tổng Thư ký' },
  { base: 'Bí thư' },
  { base: 'Phó Bí thư' },
  { base: 'Phó Bí thư Thường trực' },
  { base: 'Bí thư thứ nhất' },
  { base: 'Ủy viên' },
  { base: 'Ủy viên Thường vụ' },
  { base: 'Ủy viên Thường trực' },
  { base: 'Ủy viên Ban Thường vụ' },
  { base: 'Tỉnh ủy viên', implied: '' },
  { base: 'Thành ủy viên', implied: '' },
  { base: 'Huyện ủy viên', implied: '' },
  { base: 'Thống đốc', implied: 'ngan-hang-nha-nuoc-viet-nam' },
  { base: 'Phó Thống đốc', implied: 'ngan-hang-nha-nuoc-viet-nam' },
  { base: 'Tổng Kiểm toán', implied: 'kiem-toan-nha-nuoc' },
  { base: 'Phó Tổng Kiểm toán', implied: 'kiem-toan-nha-nuoc' },
  { base: 'Kiểm toán trưởng' },
  { base: 'Tư lệnh' },
  { base: 'Phó Tư lệnh' },
  { base: 'Chính ủy' },
  { base: 'Phó Chính ủy' },
  { base: 'Chỉ huy trưởng' },
  { base: 'Tham mưu trưởng' },
  { base: 'Đại sứ' },
  { base: 'Tổng Lãnh sự' },
  { base: 'Đại biểu Quốc hội', implied: 'quoc-hoi' },
  { base: 'Trợ giúp viên pháp lý' },
  { base: 'Thẩm phán' },
  { base: 'Kiểm sát viên' },
  { base: 'Chấp hành viên' },
  { base: 'Công chứng viên' },
  { base: 'Thừa phát lại' },
  { base: 'Hòa giải viên' },
  { base: 'Báo cáo viên' },
  { base: 'Thanh tra viên' },
];

const ranks: TitleEntry[] = [
  'Đại tướng', 'Thượng tướng', 'Trung tướng', 'Thiếu tướng', 'Đại tá', 'Thượng tá', 'Trung tá', 'Thiếu tá',
  'Đại úy', 'Thượng úy', 'Trung úy', 'Thiếu úy', 'Đô đốc', 'Phó Đô đốc', 'Chuẩn Đô đốc',
].map((base) => ({ base, rank: true }));

export const TITLES: TitleEntry[] = [...posts, ...ranks];

/** Other spellings of titles: tone placement, lower-case variants and old forms map to the base form. */
export const TITLE_VARIANTS: Record<string, string> = {
  'Uỷ viên': 'Ủy viên',
  'Phó Ban': 'Phó Trưởng ban',
  'Trưởng Ban': 'Trưởng ban',
  'Phó trưởng ban': 'Phó Trưởng ban',
  'Phó trưởng phòng': 'Phó Trưởng phòng',
  'Phó trưởng đoàn': 'Phó Trưởng đoàn',
  'Hoà giải viên': 'Hòa giải viên',
  'Tỉnh uỷ viên': 'Tỉnh ủy viên',
  'Thành uỷ viên': 'Thành ủy viên',
  'Đại biểu QH': 'Đại biểu Quốc hội',
  'ĐBQH': 'Đại biểu Quốc hội',
  'TGVPL': 'Trợ giúp viên pháp lý',
};

/** Words before a title that make it plural and shared: "các Phó Chủ tịch UBND tỉnh A, B". */
export const PLURAL_MARKERS = ['các', 'những', 'hai', 'ba'];
