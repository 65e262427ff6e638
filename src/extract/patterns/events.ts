/**
 * Words that name an activity an announcement reports, with the event type they
 * signal. Longer phrases win over shorter ones ("Hội nghị tập huấn" is training,
 * not a conference).
 */
import type { EventType } from '../../core/extraction.ts';

export const EVENT_CUES: Record<string, EventType> = {
  'buổi làm việc': 'meeting',
  'làm việc với': 'meeting',
  'làm việc tại': 'meeting',
  'thăm và làm việc': 'meeting',
  'cuộc họp': 'meeting',
  'phiên họp': 'meeting',
  'họp': 'meeting',
  'kỳ họp': 'meeting',
  'hội đàm': 'meeting',
  'tiếp kiến': 'meeting',
  'tiếp xúc cử tri': 'meeting',
  'tiếp đoàn': 'meeting',
  'buổi tiếp': 'meeting',
  'đã tiếp': 'meeting',
  'tiếp và làm việc': 'meeting',
  'gặp mặt': 'meeting',
  'buổi gặp': 'meeting',
  'giao ban': 'meeting',
  'thăm hỏi': 'meeting',
  'tới thăm': 'meeting',
  'đến thăm': 'meeting',
  'hội nghị': 'conference',
  'đại hội': 'conference',
  'họp báo': 'conference',
  'hội thảo': 'workshop',
  'tọa đàm': 'workshop',
  'toạ đàm': 'workshop',
  'diễn đàn': 'workshop',
  'tập huấn': 'training',
  'hội nghị tập huấn': 'training',
  'lớp tập huấn': 'training',
  'lớp bồi dưỡng': 'training',
  'bồi dưỡng nghiệp vụ': 'training',
  'khóa đào tạo': 'training',
  'ký kết': 'signing',
  'lễ ký': 'signing',
  'đoàn kiểm tra': 'inspection',
  'kiểm tra tình hình': 'inspection',
  'kiểm tra việc': 'inspection',
  'đã kiểm tra': 'inspection',
  'kiểm tra tại': 'inspection',
  'kiểm tra công tác': 'inspection',
  'đoàn giám sát': 'inspection',
  'giám sát tại': 'inspection',
  'khảo sát tại': 'inspection',
  'lễ': 'ceremony',
  'mít tinh': 'ceremony',
  'míttinh': 'ceremony',
  'lễ kỷ niệm': 'ceremony',
  'lễ trao': 'ceremony',
  'lễ công bố': 'ceremony',
  'lễ khai giảng': 'ceremony',
  'lễ bế giảng': 'ceremony',
  'lễ ra mắt': 'ceremony',
  'cuộc thi': 'other',
  'hội thi': 'other',
  'trợ giúp pháp lý lưu động': 'other',
  'truyền thông về': 'other',
};

/** Which type wins when a sentence names several activities. */
export const EVENT_TYPE_PRIORITY: EventType[] = ['training', 'signing', 'workshop', 'conference', 'ceremony', 'inspection', 'meeting', 'other'];

/** How many tokens after a name a chair cue may stand ("ông X, Chủ tịch HĐND tỉnh chủ trì"). */
export const CHAIR_WINDOW = 14;

/** Words that end the search for a chair cue: another agent is introduced ("… do Y làm trưởng đoàn"). */
export const CHAIR_BARRIERS = ['do', 'cùng', 'với'];

/** Words around a person that make them the chair of the event in that sentence. */
export const CHAIR_CUES = ['chủ trì', 'chủ tọa', 'chủ toạ', 'đồng chủ trì', 'làm trưởng đoàn', 'dẫn đầu'];

/** Words before an agency that make it the organiser ("Sở Tư pháp tổ chức …"). */
export const ORGANISER_CUES = ['tổ chức', 'phối hợp tổ chức', 'phối hợp với', 'đăng cai', 'chủ trì tổ chức', 'chủ trì, phối hợp'];

/**
 * Verbs that make a date the date of a document, not of an event: "ngày 17/01/2022, Bộ trưởng
 * đã ban hành Quyết định …". Adopting or issuing a document is not an event.
 */
export const ISSUANCE_VERBS = ['ban hành', 'ký ban hành', 'thông qua', 'phê duyệt', 'có hiệu lực', 'hết hiệu lực', 'công bố', 'ký quyết định'];

/**
 * Words just before a date that make it a deadline or a start of validity, not the day of an event:
 * "có hiệu lực từ ngày 01/01/2016", "hoàn thành trước ngày 31/12/2015", "từ ngày 01/7/2025 cả nước vận hành …".
 */
export const NON_EVENT_BEFORE = ['hiệu lực', 'trước', 'kể từ', 'từ', 'hạn', 'chậm nhất', 'đến hết', 'đến', 'tính đến', 'sau'];

/** How many tokens before a date those words may stand. */
export const NON_EVENT_WINDOW = 3;

/** How many tokens after a date an issuance verb may stand and still claim the date. */
export const ISSUANCE_WINDOW = 12;

/** What introduces a venue: "tại trụ sở Bộ Tư pháp", "tại Hà Nội". */
export const LOCATION_CUE = 'tại';

/** Sentence ends: a full stop, question or exclamation mark or ellipsis before a capital, or a paragraph end. */
export const SENTENCE_END = /[.!?…]{1,3}["”’)]?[ \t]{1,8}(?=[\p{Lu}\d"“(])|\n/gu;

/** Lower-case words that may start a venue after "tại" ("tại trụ sở …", "tại hội trường …", "tại xã …"). */
export const VENUE_WORDS = ['trụ', 'hội', 'nhà', 'trung', 'phòng', 'khách', 'trường', 'huyện', 'xã', 'tỉnh', 'thành', 'quận', 'phường', 'thị', 'điểm', 'khu', 'thôn', 'bản', 'ấp'];

/** Longest venue kept, in characters. */
export const MAX_LOCATION_CHARS = 90;
