/**
 * Word tables for recognising agencies. They are data, not code: each extractor
 * compiles them into phrase tries once. Keys are matched with tone placement
 * unified and case folded, so "Uỷ ban" and "Ủy ban" are the same phrase.
 */
import type { AgencyKind } from '../../core/extraction.ts';

/** How the words after an agency head are read. */
export type HeadRule =
  /** A field of government follows ("Sở Tư pháp", "Phòng Tư pháp"). */
  | 'field'
  /** A locality follows, or "tối cao"/"cấp cao" ("Ủy ban nhân dân tỉnh Hà Tĩnh", "Tòa án nhân dân tối cao"). */
  | 'locality'
  /** A proper name follows, capitalised first word ("Cục Trợ giúp pháp lý", "Trung tâm Thông tin"). */
  | 'name';

export interface HeadEntry {
  /** The head written in full: abbreviations such as UBND expand to it. */
  full: string;
  rule: HeadRule;
  kind: AgencyKind;
  /** The head alone refers back to the last agency with the same head ("Cục", "Sở", "Bộ"). */
  backReference: boolean;
  /** With the `field` rule: a proper name may follow instead of a field ("Phòng Nghiệp vụ 1"). */
  orName?: boolean;
}

/** Heads of agency names, in full and abbreviated forms. */
export const AGENCY_HEADS: Record<string, HeadEntry> = {
  'Bộ': { full: 'Bộ', rule: 'field', kind: 'state', backReference: true },
  'Sở': { full: 'Sở', rule: 'field', kind: 'state', backReference: true },
  'Phòng': { full: 'Phòng', rule: 'field', kind: 'state', backReference: false, orName: true },
  'Ủy ban nhân dân': { full: 'Ủy ban nhân dân', rule: 'locality', kind: 'state', backReference: false },
  'UBND': { full: 'Ủy ban nhân dân', rule: 'locality', kind: 'state', backReference: false },
  'Hội đồng nhân dân': { full: 'Hội đồng nhân dân', rule: 'locality', kind: 'state', backReference: false },
  'HĐND': { full: 'Hội đồng nhân dân', rule: 'locality', kind: 'state', backReference: false },
  'Thường trực Hội đồng nhân dân': { full: 'Thường trực Hội đồng nhân dân', rule: 'locality', kind: 'state', backReference: false },
  'Thường trực HĐND': { full: 'Thường trực Hội đồng nhân dân', rule: 'locality', kind: 'state', backReference: false },
  'Tòa án nhân dân': { full: 'Tòa án nhân dân', rule: 'locality', kind: 'court', backReference: false },
  'TAND': { full: 'Tòa án nhân dân', rule: 'locality', kind: 'court', backReference: false },
  'Viện kiểm sát nhân dân': { full: 'Viện kiểm sát nhân dân', rule: 'locality', kind: 'procuracy', backReference: false },
  'VKSND': { full: 'Viện kiểm sát nhân dân', rule: 'locality', kind: 'procuracy', backReference: false },
  'Ủy ban Mặt trận Tổ quốc Việt Nam': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'Ủy ban MTTQ Việt Nam': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'Ủy ban MTTQ': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'UBMTTQVN': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'UBMTTQ VN': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'Ủy ban MTTQVN': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'UBMTTQ': { full: 'Ủy ban Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'Mặt trận Tổ quốc': { full: 'Mặt trận Tổ quốc Việt Nam', rule: 'locality', kind: 'mass', backReference: false },
  'Công an': { full: 'Công an', rule: 'locality', kind: 'state', backReference: false },
  'Tỉnh ủy': { full: 'Tỉnh ủy', rule: 'locality', kind: 'party', backReference: false },
  'Thành ủy': { full: 'Thành ủy', rule: 'locality', kind: 'party', backReference: false },
  'Huyện ủy': { full: 'Huyện ủy', rule: 'locality', kind: 'party', backReference: false },
  'Đảng ủy': { full: 'Đảng ủy', rule: 'name', kind: 'party', backReference: false },
  'Đảng bộ': { full: 'Đảng bộ', rule: 'name', kind: 'party', backReference: false },
  'Ban cán sự đảng': { full: 'Ban cán sự đảng', rule: 'name', kind: 'party', backReference: false },
  'Ban Thường vụ': { full: 'Ban Thường vụ', rule: 'name', kind: 'party', backReference: false },
  'Đoàn Luật sư': { full: 'Đoàn Luật sư', rule: 'locality', kind: 'professional', backReference: false },
  'Đoàn đại biểu Quốc hội': { full: 'Đoàn đại biểu Quốc hội', rule: 'locality', kind: 'state', backReference: false },
  'Đoàn ĐBQH': { full: 'Đoàn đại biểu Quốc hội', rule: 'locality', kind: 'state', backReference: false },
  'Cục': { full: 'Cục', rule: 'name', kind: 'state', backReference: true },
  'Tổng cục': { full: 'Tổng cục', rule: 'name', kind: 'state', backReference: true },
  'Chi cục': { full: 'Chi cục', rule: 'name', kind: 'state', backReference: false },
  'Vụ': { full: 'Vụ', rule: 'name', kind: 'state', backReference: true },
  'Văn phòng': { full: 'Văn phòng', rule: 'name', kind: 'state', backReference: false },
  'Thanh tra': { full: 'Thanh tra', rule: 'name', kind: 'state', backReference: false },
  'Trung tâm': { full: 'Trung tâm', rule: 'name', kind: 'state', backReference: true },
  'Viện': { full: 'Viện', rule: 'name', kind: 'state', backReference: false },
  'Học viện': { full: 'Học viện', rule: 'name', kind: 'state', backReference: true },
  'Ban': { full: 'Ban', rule: 'name', kind: 'state', backReference: false },
  'Ủy ban': { full: 'Ủy ban', rule: 'name', kind: 'state', backReference: false },
  'Hội': { full: 'Hội', rule: 'name', kind: 'mass', backReference: false },
  'Liên đoàn': { full: 'Liên đoàn', rule: 'name', kind: 'mass', backReference: false },
  'Hội đồng': { full: 'Hội đồng', rule: 'name', kind: 'state', backReference: false },
  'Tổng Liên đoàn': { full: 'Tổng Liên đoàn', rule: 'name', kind: 'mass', backReference: false },
  'Đoàn Thanh niên': { full: 'Đoàn Thanh niên', rule: 'name', kind: 'mass', backReference: false },
  'Trường': { full: 'Trường', rule: 'name', kind: 'state', backReference: false },
  'Đại học': { full: 'Đại học', rule: 'name', kind: 'state', backReference: false },
  'Kho bạc Nhà nước': { full: 'Kho bạc Nhà nước', rule: 'locality', kind: 'state', backReference: false },
  'Bộ Chỉ huy Quân sự': { full: 'Bộ Chỉ huy Quân sự', rule: 'locality', kind: 'state', backReference: false },
  'Bộ Chỉ huy Bộ đội Biên phòng': { full: 'Bộ Chỉ huy Bộ đội Biên phòng', rule: 'locality', kind: 'state', backReference: false },
  'Báo': { full: 'Báo', rule: 'name', kind: 'state', backReference: false },
  'Tạp chí': { full: 'Tạp chí', rule: 'name', kind: 'state', backReference: false },
};

/**
 * Fields of government that follow "Bộ", "Sở" or "Phòng". Ministries' fields are
 * added from the gazetteer; these are the provincial ones it lacks.
 */
export const EXTRA_FIELDS = [
  'Tư pháp', 'Nội vụ', 'Tài chính', 'Kế hoạch và Đầu tư', 'Công Thương', 'Xây dựng', 'Giao thông vận tải',
  'Tài nguyên và Môi trường', 'Nông nghiệp và Phát triển nông thôn', 'Nông nghiệp và Môi trường',
  'Lao động - Thương binh và Xã hội', 'Giáo dục và Đào tạo', 'Y tế', 'Khoa học và Công nghệ',
  'Thông tin và Truyền thông', 'Văn hóa, Thể thao và Du lịch', 'Văn hóa và Thể thao', 'Du lịch', 'Ngoại vụ',
  'Dân tộc và Tôn giáo', 'Quy hoạch - Kiến trúc', 'Công an', 'Quốc phòng', 'Ngoại giao', 'Văn hóa - Xã hội',
  'Kinh tế', 'Kinh tế - Hạ tầng', 'Quản lý đô thị', 'Tài chính - Kế hoạch', 'Lao động - Thương binh và Xã hội',
  'Giáo dục', 'Văn hóa và Thông tin', 'Văn hóa - Thông tin', 'Pháp chế', 'Dân tộc',
];

/**
 * Heads of units named after the body they belong to: "Ban Pháp chế HĐND tỉnh",
 * "Thanh tra Bộ Tư pháp", "Đảng ủy Bộ Tư pháp". The body that follows them is part of the name.
 */
export const COMPOUND_HEADS = ['Ban', 'Văn phòng', 'Thanh tra', 'Đảng ủy', 'Đảng bộ', 'Ban cán sự đảng', 'Ban Thường vụ', 'Công đoàn', 'Chi bộ'];

/** Gazetteer rows that name the office of one person rather than a body: read as titles, not agencies. */
export const PERSONAL_OFFICE = /^(?:Thủ tướng|Phó Thủ tướng|Chủ tịch nước|Phó Chủ tịch nước|Tổng Bí thư)(?:\s|$)/u;

/** Bodies that can be named as another body's parent in apposition ("Cục Trợ giúp pháp lý – Bộ Tư pháp"). */
export const PARENT_BODY = /^(?:Bộ |Tổng cục |Ủy ban nhân dân|Tòa án|Viện kiểm sát|Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Văn phòng Chính phủ)/u;

/** What follows a unit's name when a gazetteer alias appends its parent: " - Bộ Tư pháp", " (Bộ Tài chính)". */
export const DASHED_PARENT = /^\s*(?:[-–—,(]|thuộc)\s*\S/u;

/** Bodies that a unit can be named after ("Ban Pháp chế HĐND tỉnh", "Đảng ủy Bộ Tư pháp"). */
export const COMPOUND_BODY = /^(?:Bộ |Ủy ban nhân dân|Hội đồng nhân dân|Tỉnh ủy|Thành ủy|Huyện ủy|Quốc hội|Chính phủ|Ủy ban Thường vụ Quốc hội|Tòa án|Viện kiểm sát|Đảng ủy|Ủy ban Mặt trận|Hội |Liên đoàn |Đoàn Luật sư|Tổng Liên đoàn)/u;

/** What follows a name when it is localised to a province: "tỉnh …", "thành phố …". */
export const PROVINCE_SUFFIX = /^(?:tỉnh|thành phố|Thành phố) /u;

/** Aliases in the gazetteer that speak of a whole system rather than one body: never matched as agencies. */
export const GENERIC_ALIASES = ['Đảng', 'Trung ương', 'Nhà nước', 'Chính quyền', 'Quân đội', 'Công an'];

/** A place name written as an abbreviation ("TP.HCM", "TPHCM", "HN"): canonical names use the full name instead. */
export const ABBREVIATED_PLACE = /[.]|^\p{Lu}{2,}$/u;

/** Words that introduce a locality, with the form used in a canonical name. */
export const LOCALITY_WORDS: Record<string, string> = {
  'tỉnh': 'tỉnh',
  'thành phố': 'thành phố',
  'TP.': 'thành phố',
  'TP': 'thành phố',
  'Tp.': 'thành phố',
  'huyện': 'huyện',
  'quận': 'quận',
  'thị xã': 'thị xã',
  'xã': 'xã',
  'phường': 'phường',
  'thị trấn': 'thị trấn',
  'đặc khu': 'đặc khu',
};

/** What may follow "Tòa án nhân dân" or "Viện kiểm sát nhân dân" instead of a locality. */
export const SUPREME_SUFFIXES = ['tối cao', 'cấp cao', 'cấp cao tại Hà Nội', 'cấp cao tại Đà Nẵng', 'cấp cao tại Thành phố Hồ Chí Minh'];

/** Countries whose bodies appear in Vietnamese news ("Bộ Tư pháp Lào"): a country after a name makes it foreign. */
export const COUNTRIES = [
  'Lào', 'Campuchia', 'Cam-pu-chia', 'Trung Quốc', 'Nhật Bản', 'Hàn Quốc', 'Hoa Kỳ', 'Mỹ', 'Pháp', 'Đức', 'Nga',
  'Liên bang Nga', 'Cuba', 'Thái Lan', 'Singapore', 'Xinh-ga-po', 'Malaysia', 'Ma-lai-xi-a', 'Indonesia', 'In-đô-nê-xi-a',
  'Philippines', 'Phi-líp-pin', 'Myanmar', 'Mi-an-ma', 'Australia', 'Ô-xtrây-li-a', 'Úc', 'Anh', 'Vương quốc Anh',
  'Canada', 'Ca-na-đa', 'Thụy Điển', 'Thụy Sĩ', 'Phần Lan', 'Đan Mạch', 'Na Uy', 'Hà Lan', 'Bỉ', 'Ý', 'I-ta-li-a',
  'Tây Ban Nha', 'Ba Lan', 'Séc', 'Hungary', 'Hung-ga-ri', 'Mông Cổ', 'Ấn Độ', 'Israel', 'Ixraen', 'Mozambique',
  'Mô-dăm-bích', 'Triều Tiên', 'Belarus', 'Bê-la-rút', 'Kazakhstan', 'Ca-dắc-xtan', 'Uzbekistan', 'Áo', 'New Zealand',
  'Niu Di-lân', 'Brazil', 'Bra-xin', 'Argentina', 'Chile', 'Chi-lê', 'Venezuela', 'Ai Cập', 'Nam Phi', 'Algeria',
  'An-giê-ri', 'Thổ Nhĩ Kỳ', 'Iran', 'I-ran', 'Iraq', 'Bru-nây', 'Brunei', 'Đông Timor', 'Timor-Leste',
];

/**
 * Words that end the proper-name part of an agency ("Cục Trợ giúp pháp lý | tổ chức …"):
 * verbs, prepositions and conjunctions that never start a word of a Vietnamese agency name.
 */
export const NAME_STOP_WORDS = [
  'đã', 'đang', 'sẽ', 'vừa', 'mới', 'tổ chức', 'về', 'với', 'tại', 'cho', 'do', 'của', 'trong', 'theo', 'làm', 'có', 'là',
  'được', 'bị', 'để', 'nhằm', 'cùng', 'phối hợp', 'thực hiện', 'triển khai', 'báo cáo', 'tham dự', 'chủ trì', 'dự',
  'ban hành', 'trình', 'đề nghị', 'đề xuất', 'tiếp', 'thăm', 'kiểm tra', 'khai mạc', 'bế mạc', 'họp', 'nhận', 'gửi',
  'ký', 'phát biểu', 'cho biết', 'nhấn mạnh', 'đánh giá', 'yêu cầu', 'giao', 'chỉ đạo', 'tặng', 'trao', 'ghi nhận',
  'và', 'hoặc', 'cũng', 'thì', 'mà', 'nên', 'vì', 'khi', 'từ', 'đến', 'tới', 'trên', 'dưới', 'sau', 'trước', 'ngày',
  'năm', 'tháng', 'quý', 'lần', 'kỳ', 'các', 'những', 'mọi', 'này', 'đó', 'kia', 'đây', 'ông', 'bà', 'đồng chí',
  'nhân dịp', 'gồm', 'bao gồm', 'như', 'nhất là', 'đặc biệt', 'trong đó', 'thuộc', 'trực thuộc', 'hướng dẫn', 'tuyên truyền',
  'xây dựng', 'hoàn thiện', 'tiếp tục', 'tập trung', 'chủ động', 'tích cực', 'năm nay', 'đây',
  'tham mưu', 'tham gia', 'giới thiệu', 'tiếp nhận', 'thông qua', 'chịu trách nhiệm', 'đảm nhận', 'trao đổi', 'thảo luận',
];

/** Phrases with a lower-case "các" that stay inside a name ("Đảng ủy Khối các cơ quan Trung ương"). */
export const NAME_INNER_PHRASES = ['các cơ quan', 'các chức danh', 'các doanh nghiệp', 'các trường', 'phòng, chống', 'phổ biến, giáo dục'];

/** Abbreviations written inside agency names that the abbreviation table lacks, with their expansions. */
export const NAME_ABBREVIATIONS: Record<string, string> = {
  'T.Ư': 'Trung ương',
  'TƯ': 'Trung ương',
  'TW': 'Trung ương',
  'VN': 'Việt Nam',
  'QG': 'quốc gia',
};

/** Words before an agency that make it a generic plural ("các Sở Tư pháp", "những Trung tâm …"), not one body. */
export const PLURAL_BEFORE = ['các', 'những', 'mọi', 'nhiều'];

/** Words after an agency that make it generic ("Phòng Tư pháp các huyện", "Phòng Tư pháp cấp huyện"). */
export const PLURAL_AFTER = ['các', 'cấp'];

/** A name that ends like this is complete: "và …" after it starts another body ("Hội Luật gia Việt Nam và Luật sư …"). */
export const COMPLETE_NAME_END = /(?:Việt Nam|Trung ương|tối cao|quốc gia)$/u;

/** A compound name ending in a bare back-reference head ("Văn phòng Bộ", "Đảng ủy Bộ"). */
export const BACK_REFERENCE_TAIL = / (Bộ|Sở|Cục|Tổng cục)$/u;

/** Words after a number that make it a count, not part of a name ("3 tháng", "125 học viên"). */
export const COUNT_UNITS = ['tháng', 'năm', 'ngày', 'giờ', 'lần', 'khóa', 'người', 'học', 'đơn', 'vụ', 'văn', 'cuộc', 'buổi', 'lượt', 'đại', '%'];

/** How many words the proper-name part of an unknown agency may have. */
export const MAX_NAME_WORDS = 9;
