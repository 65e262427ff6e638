/**
 * Every regular expression the legal-document extractor uses, named and
 * commented. Input is NFC text with single spaces. Patterns with the sticky flag
 * (`y`) are tried at one position (set `lastIndex`, then `exec`); global ones
 * (`g`) scan with `matchAll`. Words the type table knows ("Nghị định",
 * "Thông tư liên tịch") are matched on word tokens, not here, so the table in
 * `data/reference/document-types.csv` decides what a document type is.
 *
 * Safety: quantifiers are bounded, repeated groups start with a separator or a
 * literal that their body cannot contain, and patterns that end in `$` are only
 * run on bounded windows (at most a few hundred characters).
 * `test/unit/extract-legal-documents.test.ts` has positive and negative examples for each.
 */

/** A word of letters (with combining marks), or a run of digits: the tokens type names are matched on. */
export const WORD = /[\p{L}\p{M}]+|\d+/gu;

/**
 * A document number at a position, canonical or old style:
 * "144/2017/NĐ-CP", "1521/QĐ-TTg", "11/2017/QH14", "66-NQ/TW", "45/KH-STP",
 * "01/2021/TTLT-BTP-BCA", "74/CP", "21-LCT/HDNN8". Code segments start with a
 * capital and are joined by "/", "-" or a stray en dash.
 * Groups: sequence, year (optional), the code segments with their separators.
 * Not: "10/2024", "2021-2025", "3/4" (no code), "Covid-19" (no leading number).
 */
export const DOCUMENT_NUMBER_AT = new RegExp(
  String.raw`(\d{1,5}[a-z]?)(?:/(\d{4}))?((?:[/\-–]\p{Lu}[\p{L}&]{0,13}\d{0,3}){1,8})(?![\p{L}\p{M}\d])`,
  'uy',
);

/** The same number anywhere in the text, not glued to a preceding word, digit or separator. */
export const DOCUMENT_NUMBER_SCAN = new RegExp(
  String.raw`(?<![\p{L}\p{M}\d/.\-–])(\d{1,5}[a-z]?)(?:/(\d{4}))?((?:[/\-–]\p{Lu}[\p{L}&]{0,13}\d{0,3}){1,8})(?![\p{L}\p{M}\d])`,
  'gu',
);

/** One code segment of a number with its separator: "/NĐ", "-CP", "/QH14". Groups: separator, code. */
export const NUMBER_SEGMENT = /([/\-–])(\p{Lu}[\p{L}&]{0,13}\d{0,3})/gu;

/**
 * A bare sequence number after a type word: "Nghị quyết 66", "Kế hoạch số 01".
 * Not a count ("Kế hoạch 5 năm", "Chương trình 3 nội dung"). Group: the number.
 */
export const SEQUENCE_ONLY_AT =
  /(\d{1,5})(?![\p{L}\p{M}\d/\-–]|[.,]\d| (?:năm|tháng|tuần|ngày|giờ|người|lần|đơn vị|điều|nội dung|nhóm|văn bản|bước|cấp|mục tiêu|nhiệm vụ)(?![\p{L}\p{M}]))/uy;

/**
 * Something that starts like a number but does not read as one: "2007N§-CP",
 * "144/2017/NĐ.CP". Only consulted right after a type word or "số".
 */
export const DAMAGED_NUMBER_AT = /\d{1,5}[^\s,;()"“”]{1,30}/uy;

/** Characters a readable number may contain (checked on a damaged-number candidate). */
export const NUMBER_CHARACTERS = /^[\d/\-–\p{L}&]+$/u;

/** Between a type word and its number: " số ", " số: ", " số hiệu ", or a single space. */
export const NUMBER_INTRO_AT = /,? ?(?:số(?: hiệu)?:? ?)?/iuy;

/**
 * Before the date of a document: ", ngày", " ban hành ngày", ", được ký ngày",
 * " thông qua vào ngày" (the lookahead leaves "ngày" for the date reader).
 */
export const DATE_INTRO_AT = /,? (?:(?:đã )?(?:được )?(?:ban hành|ký ban hành|ký|thông qua|phê duyệt)(?: vào)? )?(?=ngày \d)/iuy;

/** Before an issuer: " của ", ", của ", " do ". */
export const ISSUER_INTRO_AT = /,? (?:của|do) /iuy;

/**
 * A Party plenum named before its Central Committee: ", Hội nghị lần thứ sáu ",
 * ", Hội nghị Trung ương 4 " (what follows is the issuer).
 */
export const PLENUM_INTRO_AT = /,? (?:của |tại )?Hội nghị (?:lần thứ [\p{L}\d]{1,8}|Trung ương [\p{L}\d]{1,8}) (?:của )?/uy;

/** A comma followed by one of the bodies that issue documents without "của": ", Bộ Chính trị". */
export const COMMA_ISSUER_INTRO_AT = /, (?=(?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành|Chính phủ|Thủ tướng|Quốc hội|Ủy ban Thường vụ|Uỷ ban Thường vụ)(?![\p{L}\p{M}]))/uy;

/**
 * The first word(s) of an issuer: a body or an office-holder, capitalised as
 * names are ("Chính phủ", "Bộ trưởng", "UBND", "Đảng ủy", "Chủ tịch").
 */
export const ISSUER_HEAD_AT =
  /(?:Thủ tướng|Phó Thủ tướng|Chính phủ|Quốc hội|Ủy ban|Uỷ ban|UBND|HĐND|UBTVQH|UBTVQH\d{2}|Hội đồng|Bộ trưởng|Thứ trưởng|Bộ|Ban|Chủ tịch|Tổng cục|Cục|Sở|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Đảng đoàn|Đảng bộ|Chi bộ|Tòa án|Toà án|TAND|TANDTC|Viện kiểm sát|VKSND|VKSNDTC|Viện|Kiểm toán|Thanh tra|Ngân hàng Nhà nước|Văn phòng|Liên bộ|Liên ngành|Đại hội|Trung ương|Mặt trận|Tổng Liên đoàn|Hội|Đoàn|Giám đốc|Chánh án|Viện trưởng|Tổng Kiểm toán|Thống đốc|Học viện|Trung tâm)(?![\p{L}\p{M}])/uy;

/**
 * Lower-case words that end an issuer: the start of a title ("về", "quy định",
 * "phê duyệt"), verbs and function words ("đã", "được", "để").
 */
export const ISSUER_STOP_AT =
  /(?:về|quy định|hướng dẫn|phê duyệt|ban hành|sửa đổi|bổ sung|công nhận|thành lập|triển khai|thực hiện|tổ chức|giao|kiện toàn|thông qua|đã|được|là|có|để|nhằm|trong|tại|cho|với|thì|sẽ|đang|từ|đến|này|theo|cùng|ngày|số|năm|gồm|bao gồm|đối với|nhưng|mà|còn|vừa|mới|khi|sau|trước|qua|bằng|ghi nhận|yêu cầu|chỉ đạo|xác định|nêu|ký|trình|gửi|đề nghị)(?![\p{L}\p{M}])/uy;

/**
 * Words that extend a place inside an issuer: "tỉnh", "thành phố", "huyện" …
 * ("Ủy ban nhân dân tỉnh Vĩnh Long").
 */
export const PLACE_WORD_AT = /(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|TP\.?)(?![\p{L}\p{M}])/uy;

/** A term of office in brackets after a body, kept in its name: " (Khóa X)". */
export const TERM_IN_BRACKETS_AT = / \((?:khóa|khoá) [\p{L}\d]{1,8}\)/iuy;

/** A term of office written after a body, not part of its name: " khóa XIII", " Khóa IX". */
export const TERM_SUFFIX_AT = / (?:[Kk]hóa|[Kk]hoá) [\p{Lu}\d]{1,8}(?![\p{L}\p{M}\d])/uy;

/**
 * Words that open a title ("about …", "regulating …", "approving …"): needed
 * before an unnumbered document counts as a specific one.
 */
export const TITLE_CUE_AT =
  /(?:về|quy định|hướng dẫn|phê duyệt|ban hành|sửa đổi|bổ sung|công nhận|thành lập|giải thể|sáp nhập|hợp nhất|kiện toàn|triển khai|thực hiện|tổ chức|giao|phân công|phân cấp|ủy quyền|uỷ quyền|bổ nhiệm|miễn nhiệm|điều động|khen thưởng|tặng|xử phạt|bãi bỏ|thay thế|điều chỉnh|cho phép|chấp thuận|phân bổ|tăng cường|đẩy mạnh|nâng cao|tiếp tục|xây dựng|chuyển đổi|công bố|áp dụng|hỗ trợ|phát triển|đổi mới|hoàn thiện|chấn chỉnh|nghiêm cấm|quy chế|định hướng)(?![\p{L}\p{M}])/iuy;

/**
 * Words that may not open a title: a verb of the sentence or a function word
 * ("Nghị định số 144 đã …", "Quyết định này …").
 */
export const TITLE_BLOCKED_AT =
  /(?:và|đã|được|là|của|có|này|nói trên|trên|cũng|sẽ|đang|thì|mà|nên|với|cho|tại|trong|ngày|năm|số|từ|đến|theo|để|nhằm|khi|nay|vừa|mới|chưa|vẫn|đều|không|bị|do|hoặc|hay|như|gồm|còn|rồi|ra|vào|lại|cùng|thay|hết|đi)(?![\p{L}\p{M}])/iuy;

/**
 * Where a title ends, tried at each space or comma inside it: a new clause
 * (", trong đó", ", đồng thời"), the issuer or date clause that follows a title
 * (" được Quốc hội thông qua", " ban hành ngày"), a generic tail (" và các văn bản
 * hướng dẫn"), entry into force (" có hiệu lực").
 */
export const TITLE_STOP_AT =
  /(?:, (?:trong đó|theo đó|đồng thời|cụ thể|qua đó|từ đó|do đó|vì vậy|tuy nhiên|nhưng|song|góp phần|nhằm|tạo|có hiệu lực|được|đã|là|hiện nay|với|cùng)(?![\p{L}\p{M}])|,? (?:và|cùng|hoặc) (?:các|những) (?:văn bản|quy định|nghị định|thông tư|hướng dẫn|nghị quyết)(?![\p{L}\p{M}])|,? (?:và )?(?:chính thức )?(?:có|hết) hiệu lực(?![\p{L}\p{M}])|,? (?:kể )?từ ngày \d|, (?:vào )?ngày \d|,? (?:cho )?đến nay(?![\p{L}\p{M}])|,? mà |, dự kiến | (?:đã|sẽ|đang|cũng|đều) (?!qua )|, (?:[\p{L}\p{M}]{1,12} ){1,8}(?:sẽ|đã|đang|vừa|cũng|đều) |,? (?:đã )?(?:được|do) (?=\p{Lu})|,? (?:được )?(?:ban hành|ký ban hành|ký|thông qua)(?: vào)? (?=ngày \d)| \((?=sau đây|gọi tắt|viết tắt))/uy;

/**
 * After a title (or a law's name), the opening of a clause naming the issuer:
 * " được Quốc hội …", ", do Chủ tịch nước …", " đã được Chính phủ …" (the issuer
 * is read from the capital on, then `POST_ISSUER_VERB_AT` must follow it).
 */
export const POST_ISSUER_INTRO_AT = /,? (?:đã )?(?:được|do) (?=\p{Lu})/uy;

/** Right after the issuer of such a clause, its verb: " thông qua", " ban hành", " đã ký". Group: the verb. */
export const POST_ISSUER_VERB_AT = / (?:đã )?(?:chính thức )?(ban hành|thông qua|ký ban hành|ký(?! kết)|phê duyệt|phê chuẩn)(?![\p{L}\p{M}])/uy;

/** After a post issuer clause: " ngày …", " vào ngày …", " tại kỳ họp …, ngày …" is not followed. */
export const POST_DATE_AT = /,? (?:vào )?(?=ngày \d)/iuy;

/**
 * Before a document, the verb of its issuing ("Bộ trưởng đã ban hành Quyết định …",
 * "Thủ tướng Chính phủ đã ký Quyết định …", "Bộ Tư pháp có Công văn số …"). Run on a bounded window that ends at
 * the document. Group: the verb phrase.
 */
export const PRE_ISSUANCE_VERB = /(?:^|[ ,])((?:(?:đã|vừa|mới|chính thức) )?(?:ký ban hành|ký|ban hành|thông qua|phê duyệt|có)(?: ban hành)?) $/iu;

/** A day cue inside a bounded window before an issuer: "ngày 17/01/2022, ". Group: offset of "ngày". */
export const PRE_DATE = /(?:^|[\s,(])(ngày) \d/giu;

/** What may separate a date from the issuer after it: ", ", " ". */
export const DATE_ISSUER_GAP = /^,? ?(?:vào )?$/u;

/**
 * Before a type word, a plural or a count makes it generic ("các Nghị quyết",
 * "những văn bản", "03 Chương trình", "một số Thông tư"). Run on a short window
 * ending at the type word.
 */
export const GENERIC_BEFORE =
  /(?:^|[^\p{L}\p{M}\d])(?:các|những|mọi|một số|nhiều|từng|mỗi|(?<!(?:điều|khoản|điểm|chương|mục|phần) )\d{1,3}) $/iu;

/** Before a type word that makes it a draft: "Dự thảo ", "dự án ", "Dự thảo Nghị quyết về …". */
export const DRAFT_BEFORE = /(?:^|[^\p{L}\p{M}])(dự thảo|dự án) $/iu;

/**
 * Before "Luật": the word belongs to a name or degree, not to a law
 * ("Trường Đại học Luật Hà Nội", "Khoa Luật", "Cử nhân Luật", "pháp luật").
 */
export const LAW_WORD_NOT_A_LAW_BEFORE =
  /(?:^|[^\p{L}\p{M}])(?:đại học|trường|khoa|cử nhân|thạc sĩ|tiến sĩ|ngành|chuyên ngành|hội|đoàn|văn phòng|công ty|tạp chí|học viện|viện|sinh viên|giảng viên|pháp|bộ môn|hãng|nhà) $/iu;

/** After "Luật": a profession or an abstract noun, not a law ("Luật sư", "Luật gia", "luật pháp"). */
export const LAW_WORD_NOT_A_LAW_AFTER = / (?:sư|gia|học|lệ|pháp|chơi|tục|rừng)(?![\p{L}\p{M}])/iuy;

/** A back-reference after a type word: "Nghị định này", "Luật nói trên". */
export const BACK_REFERENCE_AT = / (?:này|nói trên|trên|đó)(?![\p{L}\p{M}])/iuy;

/** The year in a law's short name: " năm 2017", " 2020". Group: year. */
export const NAME_YEAR_AT = / (?:năm )?((?:19|20)\d{2})(?![\p{L}\p{M}\d/])/iuy;

/** "(sửa đổi)" or " sửa đổi" closing the name of a bill ("Luật Thủ đô (sửa đổi)"). */
export const AMENDED_NAME_SUFFIX_AT =
  / (?:\((?:sửa đổi|sửa đổi, bổ sung)\)|sửa đổi(?:, bổ sung)?(?=$|[,;.:)\n]| (?:và|được|đã|sẽ|cũng|tại|trong|của|là|có|đang|với|do|theo|vào|nhằm|để)(?![\p{L}\p{M}])))/iuy;

/**
 * Words that end a law's name when it is read without the reference table
 * ("Luật Đất đai được …", "Luật TGPL năm 2006", "Luật Trẻ em và các văn bản …").
 */
export const NAME_STOP_AT =
  /(?:(?:năm|số|ngày|được|đã|đang|sẽ|có|ban hành|thông qua|này|do|là|để|nhằm|hiện hành|mới|tiếp tục|sửa đổi|bổ sung|khi|thì|mà|cũng|nhưng|hoặc|hay|vẫn|chỉ|đều|nên|vì|cần|phải|bị|vừa|gồm|chính thức)(?![\p{L}\p{M}])|và (?=các |những |\p{Lu}))/uy;

/**
 * More words ending the name of a law in force; a bill's name, often new and
 * written in full, is read more generously ("Luật Tư pháp cho người chưa thành niên").
 */
export const NAME_STOP_IN_FORCE_AT =
  /(?:của|vào|từ|đến|hướng dẫn|quy định|sau|trước|tới|như|bằng|qua|lần|không|chưa|nay|hiện|đi|các|những|cũ|cho|về|với|đối với|trong|tại|theo|trên)(?![\p{L}\p{M}])/uy;

/** A comma inside a name: ", chống" ("Luật Phòng, chống tham nhũng"), ", bổ sung", ", giáo dục". */
export const NAME_COMMA_CONTINUATION_AT =
  /, (?=(?:chống|bổ sung|giáo dục|công chức|viên chức|thể thao|đối thoại|lấy|ghép|hàng hóa|hàng hoá|du lịch|tiêu cực|lãng phí|công nghệ|thông tin|ngoại hối)(?![\p{L}\p{M}]))/uy;

/** After "Hiến pháp": the set phrase "Hiến pháp và pháp luật", "Hiến pháp, pháp luật", "Hiến pháp và luật" (not one document). */
export const CONSTITUTION_SET_PHRASE_AT = /(?:,| và) (?:các )?(?:pháp luật|luật(?! sư| gia))(?![\p{L}\p{M}])/uy;

/** The opening quote of a quoted name: "Đề án “Xây dựng …”" (the closing one is looked up, not matched). */
export const QUOTE_OPEN_AT = / ?[“"]/uy;

/**
 * An abbreviation defined in brackets after its long form:
 * "Luật Trợ giúp pháp lý (TGPL)", "phổ biến, giáo dục pháp luật (PBGDPL)". Group: the abbreviation.
 */
export const ABBREVIATION_DEFINITION = /\((\p{Lu}[\p{Lu}&]{1,9})\)/gu;

/**
 * A token that may be an abbreviation in a title or an issuer ("TGPL", "UBND",
 * "TTg"), not a part of a number ("48-CT/TW").
 */
export const ABBREVIATION_TOKEN = /(?<![\p{L}\p{M}\d&/\-–.])\p{Lu}[\p{L}&]{1,9}(?:\.\p{Lu}[\p{L}&]{0,9})?(?![\p{L}\p{M}\d&/\-–]|\.\p{L})/gu;

/**
 * The cue of a relation, standing right before the document it points to
 * ("sửa đổi, bổ sung ", "quy định chi tiết một số điều của ", "hướng dẫn thi
 * hành ", "thay thế ", "bãi bỏ ", "căn cứ ", "triển khai thực hiện "). The match
 * ends where the target document starts. Group: the cue.
 */
export const RELATION_CUE =
  /(?<![\p{L}\p{M}])(sửa đổi, bổ sung|sửa đổi|bổ sung|quy định chi tiết|hướng dẫn|thay thế|bãi bỏ|căn cứ|thực hiện|triển khai|thi hành)(?:,? (?:vào|một số điều|một số nội dung|các điều|điều \d{1,3}|khoản \d{1,3}|thi hành|thực hiện|và biện pháp thi hành|và hướng dẫn thi hành|và hướng dẫn|việc thi hành|của|theo|quy định tại|quy định của|tại|có hiệu quả)){0,4} /giu;

/** Characters that close a sentence or a clause for relation and issuer scopes (a set of characters, not a pattern). */
export const CLAUSE_BREAK_CHARACTERS = '.;!?\n';

/**
 * Right after a bill: it was adopted ("đã được thông qua", ", chính thức thông qua"),
 * so it is a law. An adoption naming its body is read by `POST_ISSUER_VERB_AT`.
 */
export const ADOPTION_AFTER_AT = /,? (?:đã được|được|đã|chính thức) thông qua(?![\p{L}\p{M}]| (?:đó|việc|các|những)(?![\p{L}\p{M}]))/uy;

/** Letters that are upper case (to tell "TGPL" from "Luật"). */
export const UPPER_CASE_WORD = /^[\p{Lu}&]+$/u;

/** A capital letter first. */
export const CAPITALISED = /^\p{Lu}/u;

/** An abbreviation in brackets right after a name: " (TGPL)". Group: the abbreviation. */
export const ABBREVIATION_AFTER_AT = / ?\((\p{Lu}[\p{Lu}&]{1,9})\)/uy;

/** What may stand between two documents of one list that share an issuing clause: "; ", ", ", " và ", "; và ". */
export const LIST_GAP = /^[;,]? ?(?:và |cùng |hoặc )?$/u;

/** The separators before a word that may start a new document inside a title: ", ", " và ", " hoặc ", " cùng ". */
export const LIST_SEPARATOR_AT = /(?:, | và | hoặc | cùng |; )/uy;

/** One word or number at a position, for reading names word by word. */
export const WORD_AT = /[\p{L}\p{M}][\p{L}\p{M}&]{0,30}|\d{1,6}/uy;

/** A capital letter, or a symbol that legacy encodings leave in place of "Đ" ("N§-CP"): a damaged number has one. */
export const NUMBER_DAMAGE_SIGN = /[\p{Lu}§¶©®¬]/u;
