/**
 * Word tables for personal names and what stands before them.
 */

/** Vietnamese family names (and a few common ethnic-minority first syllables), for telling a name from other capitalised words. */
export const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Trương', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ', 'Cù', 'Lương', 'Đinh', 'Thái',
  'Kiều', 'Quách', 'Chu', 'Lưu', 'Uông', 'Triệu', 'Tôn', 'Hứa', 'Cao', 'Khổng', 'La', 'Thân', 'Nghiêm', 'Âu', 'Lại',
  'Giang', 'Tăng', 'Mạc', 'Hầu', 'Châu', 'Đàm', 'Nông', 'Lò', 'Lã', 'Lữ', 'Vi', 'Hoàng', 'Khúc', 'Ninh', 'Tống',
  'Diệp', 'Doãn', 'Đường', 'Phó', 'Bạch', 'Bế', 'Cấn', 'Chử', 'Công', 'Đàng', 'Đồng', 'Hàn', 'Hoa', 'Kim', 'Lục', 'Mã',
  'Mẫn', 'Ông', 'Quan', 'Sầm', 'Tiêu', 'Từ', 'Viên', 'Thạch', 'Danh', 'Sơn', 'Kha', 'Lạc', 'Y', 'Ksor', 'Rơ', 'Siu',
  'Nay', 'Rah', 'Bùi', 'Quản', 'Ôn', 'Trình', 'Tào', 'Phương', 'Nhữ', 'Ứng', 'Vừ', 'Sùng', 'Giàng', 'Thào', 'Mùa', 'Hờ',
];

/**
 * Honorifics, degrees and forms of address that stand before a name and are not part of it.
 * "Luật sư" is a profession written like a degree before a name; it is dropped the same way.
 */
export const HONORIFICS = [
  'ông', 'bà', 'anh', 'chị', 'đồng chí', 'đ/c', 'đc', 'các đồng chí', 'TS.', 'TS', 'ThS.', 'ThS', 'PGS.TS.', 'PGS.TS', 'PGS. TS.',
  'GS.TS.', 'GS.TS', 'GS. TS.', 'PGS.', 'PGS', 'GS.', 'GS', 'NCS.', 'CN.', 'KS.', 'BS.', 'Tiến sĩ', 'Thạc sĩ', 'Giáo sư',
  'Phó Giáo sư', 'Luật sư', 'LS.', 'LS', 'luật gia', 'Luật gia', 'Nhà giáo', 'NGND', 'NGƯT', 'NSND', 'NSƯT', 'Anh hùng',
];

/** "nguyên" marks a title held before; "cố" a person who has died. */
export const FORMER_MARKERS = ['nguyên', 'cố'];

/** "Quyền" before a title: acting. */
export const ACTING_MARKER = 'Quyền';

/** Capitalised words that start sentences or phrases and are never the first syllable of a name. */
export const NOT_NAME_WORDS = [
  'Tại', 'Theo', 'Sáng', 'Chiều', 'Tối', 'Trưa', 'Ngày', 'Trong', 'Với', 'Về', 'Để', 'Khi', 'Sau', 'Trước', 'Đây', 'Đó',
  'Các', 'Những', 'Tham', 'Dự', 'Phát', 'Kết', 'Hội', 'Ban', 'Bộ', 'Sở', 'Cục', 'Vụ', 'Ủy', 'Uỷ', 'Tỉnh', 'Thành',
  'Huyện', 'Xã', 'Quận', 'Phường', 'Nhà', 'Nước', 'Đảng', 'Chính', 'Quốc', 'Trung', 'Viện', 'Tòa', 'Toà', 'Văn', 'Thanh',
  'Luật', 'Nghị', 'Quyết', 'Thông', 'Chỉ', 'Kế', 'Đề', 'Chương', 'Việt', 'Nam', 'Lễ', 'Hội', 'Cuộc', 'Buổi', 'Lớp',
  'Cùng', 'Nhân', 'Ông', 'Bà', 'Anh', 'Chị', 'Quý', 'Tháng', 'Năm', 'Điều', 'Khoản', 'Ảnh', 'Nguồn', 'Tin',
];

/** Words that, standing alone, introduce a photo credit or byline ("Ảnh: …", "Nguồn: …"). */
export const CREDIT_WORDS = ['Ảnh', 'Nguồn', 'Tin', 'Bài', 'Tin và ảnh', 'Tin, ảnh', 'Bài và ảnh', 'Thực hiện', 'Video', 'Clip'];

/** Most syllables a Vietnamese personal name has (foreign transliterations are joined with hyphens). */
export const MAX_NAME_SYLLABLES = 5;
