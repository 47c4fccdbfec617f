//! People, companies, phones and mail addresses as they look in Malaysia, Indonesia, Taiwan,
//! China and Singapore: local name orders and scripts, company forms (Sdn Bhd, PT, 有限公司,
//! Pte Ltd), national phone formats and the free-mail services people there use.

use super::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Country {
    My,
    Id,
    Tw,
    Cn,
    Sg,
}

impl Country {
    pub const WEIGHTS: [(Country, u32); 5] = [
        (Country::My, 34),
        (Country::Id, 24),
        (Country::Tw, 14),
        (Country::Cn, 12),
        (Country::Sg, 16),
    ];

    pub fn code(self) -> &'static str {
        match self {
            Country::My => "MY",
            Country::Id => "ID",
            Country::Tw => "TW",
            Country::Cn => "CN",
            Country::Sg => "SG",
        }
    }

    pub fn currency(self) -> &'static str {
        match self {
            Country::My => "MYR",
            Country::Id => "IDR",
            Country::Tw => "TWD",
            Country::Cn => "CNY",
            Country::Sg => "SGD",
        }
    }

    /// Local currency per US dollar, roughly: deal sizes are drawn in dollars and shown locally.
    pub fn per_dollar(self) -> f64 {
        match self {
            Country::My => 4.4,
            Country::Id => 16_000.0,
            Country::Tw => 32.0,
            Country::Cn => 7.2,
            Country::Sg => 1.35,
        }
    }

    fn free_mail(self) -> &'static [&'static str] {
        match self {
            Country::My => &["gmail.com", "yahoo.com", "hotmail.com"],
            Country::Id => &["gmail.com", "yahoo.co.id", "yahoo.com"],
            Country::Tw => &["gmail.com", "yahoo.com.tw", "hotmail.com"],
            Country::Cn => &["qq.com", "163.com", "126.com"],
            Country::Sg => &["gmail.com", "outlook.com", "hotmail.com"],
        }
    }

    fn domain_suffix(self) -> &'static [&'static str] {
        match self {
            Country::My => &["com.my", "com.my", "my", "com"],
            Country::Id => &["co.id", "co.id", "id", "com"],
            Country::Tw => &["com.tw", "com.tw", "tw"],
            Country::Cn => &["cn", "com.cn", "com"],
            Country::Sg => &["com.sg", "com.sg", "sg", "com"],
        }
    }
}

/// A person's display name, and the Latin spelling a mail address is made from.
pub(crate) struct Person {
    pub name: String,
    pub given: String,
    pub family: String,
}

fn person(name: String, given: &str, family: &str) -> Person {
    Person {
        name,
        given: ascii(given),
        family: ascii(family),
    }
}

const MALAY_GIVEN: [&str; 14] = [
    "Ahmad", "Siti", "Nurul", "Muhammad", "Farah", "Hafiz", "Aisyah", "Zulkifli", "Amirah",
    "Izzat", "Syafiq", "Nadia", "Faizal", "Azlina",
];
const MALAY_FAMILY: [&str; 12] = [
    "Abdullah", "Ismail", "Hassan", "Rahman", "Yusof", "Ibrahim", "Osman", "Aziz", "Hamid",
    "Razak", "Salleh", "Mokhtar",
];
const HOKKIEN_FAMILY: [&str; 12] = [
    "Tan", "Lim", "Lee", "Wong", "Ng", "Ong", "Chong", "Teh", "Goh", "Chan", "Koh", "Teo",
];
const HOKKIEN_GIVEN: [&str; 12] = [
    "Kok Wai",
    "Mei Ling",
    "Wei Jie",
    "Siew Lan",
    "Chee Keong",
    "Hui Min",
    "Jia Hui",
    "Boon Hock",
    "Wei Ming",
    "Li Hua",
    "Kai Wen",
    "Shu Fen",
];
const TAMIL_GIVEN: [&str; 10] = [
    "Ravi", "Priya", "Suresh", "Kavitha", "Arjun", "Deepa", "Ganesh", "Meena", "Rajesh", "Anita",
];
const TAMIL_FAMILY: [&str; 8] = [
    "Kumar",
    "Subramaniam",
    "Krishnan",
    "Nair",
    "Pillai",
    "Rajan",
    "Muthu",
    "Menon",
];
const ENGLISH_GIVEN: [&str; 10] = [
    "Daniel", "Sarah", "Jonathan", "Rachel", "Marcus", "Michelle", "Benjamin", "Grace", "Joshua",
    "Cheryl",
];
const JAVANESE_GIVEN: [&str; 16] = [
    "Budi", "Dewi", "Hendra", "Rina", "Agus", "Putri", "Wahyu", "Sri", "Eko", "Ayu", "Rizky",
    "Fitri", "Yusuf", "Indah", "Andi", "Wulan",
];
const JAVANESE_FAMILY: [&str; 12] = [
    "Santoso", "Lestari", "Wijaya", "Kusuma", "Pratama", "Hidayat", "Saputra", "Nugroho",
    "Setiawan", "Halim", "Gunawan", "Susanto",
];
/// (characters, Wade–Giles spelling as Taiwanese passports write it).
const TW_FAMILY: [(&str, &str); 10] = [
    ("陳", "Chen"),
    ("林", "Lin"),
    ("黃", "Huang"),
    ("張", "Chang"),
    ("李", "Lee"),
    ("王", "Wang"),
    ("吳", "Wu"),
    ("劉", "Liu"),
    ("蔡", "Tsai"),
    ("楊", "Yang"),
];
const TW_GIVEN: [(&str, &str); 10] = [
    ("怡君", "Yi-Chun"),
    ("志明", "Chih-Ming"),
    ("雅婷", "Ya-Ting"),
    ("冠宇", "Kuan-Yu"),
    ("淑芬", "Shu-Fen"),
    ("家豪", "Chia-Hao"),
    ("怡婷", "Yi-Ting"),
    ("建宏", "Chien-Hung"),
    ("美玲", "Mei-Ling"),
    ("俊傑", "Chun-Chieh"),
];
/// (characters, pinyin).
const CN_FAMILY: [(&str, &str); 10] = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
];
const CN_GIVEN: [(&str, &str); 12] = [
    ("芳", "Fang"),
    ("伟", "Wei"),
    ("静", "Jing"),
    ("磊", "Lei"),
    ("秀英", "Xiuying"),
    ("敏", "Min"),
    ("强", "Qiang"),
    ("丽", "Li"),
    ("洋", "Yang"),
    ("婷婷", "Tingting"),
    ("建华", "Jianhua"),
    ("海燕", "Haiyan"),
];

pub(crate) fn person_in(country: Country, rng: &mut Rng) -> Person {
    // Chinese names put the family name first; Malay names are a given name and a father's.
    let chinese = |rng: &mut Rng| {
        let (family, given) = (rng.pick(&HOKKIEN_FAMILY), rng.pick(&HOKKIEN_GIVEN));
        person(format!("{family} {given}"), given, family)
    };
    let western = |given: &[&str], family: &[&str], rng: &mut Rng| {
        let (given, family) = (rng.pick(given), rng.pick(family));
        person(format!("{given} {family}"), given, family)
    };
    match country {
        Country::My => match rng.between(0, 99) {
            0..=54 => western(&MALAY_GIVEN, &MALAY_FAMILY, rng),
            55..=84 => chinese(rng),
            _ => western(&TAMIL_GIVEN, &TAMIL_FAMILY, rng),
        },
        Country::Sg => match rng.between(0, 99) {
            0..=44 => chinese(rng),
            45..=69 => western(&ENGLISH_GIVEN, &HOKKIEN_FAMILY, rng),
            70..=84 => western(&MALAY_GIVEN, &MALAY_FAMILY, rng),
            _ => western(&TAMIL_GIVEN, &TAMIL_FAMILY, rng),
        },
        Country::Id => {
            let given = rng.pick(&JAVANESE_GIVEN);
            // Many Indonesians go by one name.
            if rng.chance(0.12) {
                person(given.into(), given, "")
            } else {
                western(&[given], &JAVANESE_FAMILY, rng)
            }
        }
        Country::Tw | Country::Cn => {
            let (family, given, hanzi) = if country == Country::Tw {
                (rng.pick(&TW_FAMILY), rng.pick(&TW_GIVEN), 0.55)
            } else {
                (rng.pick(&CN_FAMILY), rng.pick(&CN_GIVEN), 0.7)
            };
            let name = if rng.chance(hanzi) {
                format!("{}{}", family.0, given.0)
            } else {
                format!("{} {}", family.1, given.1)
            };
            person(name, given.1, family.1)
        }
    }
}

/// A mail address: at the company's domain, or (for some) at a free-mail service.
pub(crate) fn email(
    p: &Person,
    domain: &str,
    free: bool,
    country: Country,
    rng: &mut Rng,
) -> String {
    let (given, family) = (&p.given, &p.family);
    let first = given.chars().next().map(String::from).unwrap_or_default();
    if free {
        let service = rng.pick(country.free_mail());
        let local = match (country, family.is_empty()) {
            // QQ mail addresses are mostly the account number.
            (Country::Cn, _) if service == "qq.com" => {
                rng.between(10_000_000, 2_999_999_999).to_string()
            }
            (_, true) => format!("{given}{}", rng.between(70, 99)),
            _ => format!("{given}.{family}{}", rng.between(1, 99)),
        };
        return format!("{local}@{service}");
    }
    let local = match (family.is_empty(), rng.between(0, 3)) {
        (true, _) | (false, 0) => given.clone(),
        (false, 1) => format!("{first}{family}"),
        (false, 2) => format!("{family}.{given}"),
        _ => format!("{given}.{family}"),
    };
    format!("{local}@{domain}")
}

pub(crate) fn phone(country: Country, rng: &mut Rng) -> String {
    let prefix = match country {
        Country::My => rng.pick(&["12", "13", "16", "17", "19"]),
        Country::Id => rng.pick(&["812", "813", "821", "857", "878"]),
        Country::Tw => rng.pick(&["912", "920", "933", "955", "988"]),
        Country::Cn => rng.pick(&["138", "139", "150", "186", "189"]),
        Country::Sg => rng.pick(&["8", "9"]),
    };
    let mut digits = |n: u32| {
        let high = 10u64.pow(n) - 1;
        format!("{:0width$}", rng.between(0, high), width = n as usize)
    };
    match country {
        Country::My => format!("+60 {prefix}-{} {}", digits(3), digits(4)),
        Country::Id => format!("+62 {prefix}-{}-{}", digits(4), digits(4)),
        Country::Tw => format!("+886 {prefix} {} {}", digits(3), digits(3)),
        Country::Cn => format!("+86 {prefix} {} {}", digits(4), digits(4)),
        Country::Sg => format!("+65 {prefix}{} {}", digits(3), digits(4)),
    }
}

pub(crate) const INDUSTRIES: [(&str, u32); 10] = [
    ("software", 14),
    ("retail", 18),
    ("education", 10),
    ("professional services", 10),
    ("food & beverage", 12),
    ("logistics", 8),
    ("manufacturing", 9),
    ("healthcare", 7),
    ("hospitality", 6),
    ("real estate", 6),
];

/// An industry's words: English, Indonesian, Traditional and Simplified Chinese.
fn industry_words(industry: &str) -> [&'static [&'static str]; 4] {
    match industry {
        "software" => [
            &["Tech", "Digital", "Systems"],
            &["Teknologi", "Digital"],
            &["科技", "資訊"],
            &["科技", "信息技术"],
        ],
        "retail" => [
            &["Trading", "Mart", "Store"],
            &["Niaga", "Mart"],
            &["商行", "百貨"],
            &["商贸", "百货"],
        ],
        "education" => [
            &["Academy", "Learning Centre", "Tuition"],
            &["Edukasi", "Bimbel"],
            &["文教", "補習班"],
            &["教育", "培训"],
        ],
        "professional services" => [
            &["Consulting", "Associates", "Advisory"],
            &["Konsultan", "Akuntan"],
            &["顧問", "會計師事務所"],
            &["咨询", "财务顾问"],
        ],
        "food & beverage" => [
            &["Foods", "Bakery", "Kitchen"],
            &["Kuliner", "Bakery"],
            &["食品", "烘焙坊"],
            &["食品", "餐饮"],
        ],
        "logistics" => [
            &["Logistics", "Express", "Freight"],
            &["Logistik", "Ekspedisi"],
            &["物流", "快遞"],
            &["物流", "供应链"],
        ],
        "manufacturing" => [
            &["Industries", "Engineering", "Plastics"],
            &["Industri", "Manufaktur"],
            &["工業", "精密"],
            &["工业", "制造"],
        ],
        "healthcare" => [
            &["Medical", "Clinic", "Pharmacy"],
            &["Medika", "Klinik"],
            &["醫療", "診所"],
            &["医疗", "健康"],
        ],
        "hospitality" => [
            &["Hospitality", "Hotel", "Travel"],
            &["Wisata", "Hotel"],
            &["旅宿", "旅行社"],
            &["酒店管理", "旅游"],
        ],
        _ => [
            &["Properties", "Realty", "Development"],
            &["Properti", "Realti"],
            &["建設", "不動產"],
            &["置业", "地产"],
        ],
    }
}

/// English spellings of the Chinese words above, for domain names.
fn latin(word: &str) -> &str {
    match word {
        "科技" => "tech",
        "資訊" | "信息技术" => "info",
        "商行" | "商贸" => "trading",
        "百貨" | "百货" => "mart",
        "文教" | "教育" => "edu",
        "補習班" | "培训" => "academy",
        "顧問" | "咨询" => "consulting",
        "會計師事務所" | "财务顾问" => "cpa",
        "食品" => "foods",
        "烘焙坊" | "餐饮" => "kitchen",
        "物流" | "供应链" => "logistics",
        "快遞" => "express",
        "工業" | "工业" => "industrial",
        "精密" | "制造" => "precision",
        "醫療" | "医疗" => "medical",
        "診所" | "健康" => "clinic",
        "旅宿" | "酒店管理" => "hotel",
        "旅行社" | "旅游" => "travel",
        "建設" | "置业" => "development",
        _ => "realty",
    }
}

const MY_STEMS: [&str; 16] = [
    "Cahaya",
    "Bintang",
    "Mutiara",
    "Harmoni",
    "Sinar",
    "Gemilang",
    "Setia",
    "Murni",
    "Delima",
    "Seri Jaya",
    "Hup Seng",
    "Kim Hin",
    "Soon Huat",
    "Ban Lee",
    "Sri Murugan",
    "Kinabalu",
];
const ID_STEMS: [&str; 14] = [
    "Maju",
    "Sejahtera",
    "Abadi",
    "Mandiri",
    "Sentosa",
    "Makmur",
    "Nusantara",
    "Karya",
    "Cipta",
    "Prima",
    "Berkah",
    "Sumber Rejeki",
    "Mitra",
    "Cahaya",
];
const TW_STEMS: [(&str, &str); 10] = [
    ("宏達", "Hongda"),
    ("永豐", "Yungfeng"),
    ("瑞昌", "Juichang"),
    ("鼎泰", "Dingtai"),
    ("金禾", "Chinho"),
    ("新光", "Hsinkuang"),
    ("晨曦", "Chenhsi"),
    ("和美", "Homei"),
    ("大成", "Tacheng"),
    ("福星", "Fuhsing"),
];
const CN_STEMS: [(&str, &str); 10] = [
    ("华盛", "Huasheng"),
    ("鑫源", "Xinyuan"),
    ("恒达", "Hengda"),
    ("远航", "Yuanhang"),
    ("明德", "Mingde"),
    ("天合", "Tianhe"),
    ("嘉禾", "Jiahe"),
    ("博远", "Boyuan"),
    ("金桥", "Jinqiao"),
    ("启航", "Qihang"),
];
const CN_CITIES: [&str; 6] = ["深圳", "上海", "杭州", "广州", "成都", "苏州"];
const SG_STEMS: [&str; 12] = [
    "Lion City",
    "Merlion",
    "Orchard",
    "Marina",
    "Raffles",
    "Keppel",
    "Tanjong",
    "Bukit Timah",
    "Changi",
    "Kallang",
    "Jurong",
    "Novena",
];

/// A company name in the country's usual form, and its web domain.
pub(crate) fn company(country: Country, industry: &str, rng: &mut Rng) -> (String, String) {
    let [en, id, hant, hans] = industry_words(industry);
    let tld = rng.pick(country.domain_suffix());
    let (name, slug) = match country {
        Country::My => {
            // Family businesses are often named after the family.
            let stem = if rng.chance(0.25) {
                rng.pick(&HOKKIEN_FAMILY)
            } else {
                rng.pick(&MY_STEMS)
            };
            let word = rng.pick(en);
            let form = if rng.chance(0.7) { " Sdn Bhd" } else { "" };
            (format!("{stem} {word}{form}"), format!("{stem}{word}"))
        }
        Country::Id => {
            let (stem, word) = (rng.pick(&ID_STEMS), rng.pick(id));
            let form = rng.pick(&["PT", "PT", "CV", "Toko"]);
            (format!("{form} {stem} {word}"), format!("{stem}{word}"))
        }
        Country::Tw => {
            let ((zh, latin_stem), word) = (rng.pick(&TW_STEMS), rng.pick(hant));
            let name = if rng.chance(0.6) {
                format!("{zh}{word}股份有限公司")
            } else {
                format!("{latin_stem} {} Co., Ltd.", title_case(latin(word)))
            };
            (name, format!("{latin_stem}{}", latin(word)))
        }
        Country::Cn => {
            let ((zh, latin_stem), word) = (rng.pick(&CN_STEMS), rng.pick(hans));
            let city = rng.pick(&CN_CITIES);
            (
                format!("{city}{zh}{word}有限公司"),
                format!("{latin_stem}{}", latin(word)),
            )
        }
        Country::Sg => {
            let (stem, word) = (rng.pick(&SG_STEMS), rng.pick(en));
            (format!("{stem} {word} Pte Ltd"), format!("{stem}{word}"))
        }
    };
    (name, format!("{}.{tld}", ascii(&slug)))
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Lower-case letters and digits only: what a mail local part or a domain label can hold.
fn ascii(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
