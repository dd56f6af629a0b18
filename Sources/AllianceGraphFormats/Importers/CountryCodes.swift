@_spi(Internals) import AllianceGraph
/// Country-code systems for imported data: COW numeric codes (`ccode`), COW letter codes
/// (`stateabb`) and ISO 3166-1 alpha-3.
///
/// COW and ISO3 letter codes look alike but differ, and several collide with a *different*
/// country: COW MNG is Montenegro (ISO MNG is Mongolia), MAC Macedonia (ISO: Macao), SLV Slovenia
/// (ISO: El Salvador), AUS Austria (ISO: Australia), SWZ Switzerland (ISO: Eswatini), CZE
/// Czechoslovakia (ISO: Czech Republic), KOR Korea before 1910 (ISO: South Korea). A scenario
/// therefore states its code system (`codes`), and the importer maps through the numeric code,
/// never through the letters.
package enum CountryCodes {
    /// One row per COW state-system member (COW numeric code, COW letter code, ISO3 or nil).
    ///
    /// Coverage: every code of the COW state system list (2016 edition). ISO3 is nil for states
    /// that no longer exist and have no ISO code (the German and Italian states before
    /// unification, Austria-Hungary 300, Korea before 1910 (730), Zanzibar 511, the Republic of
    /// Vietnam 817). Withdrawn ISO codes are used where ISO assigned one: Czechoslovakia 315 CSK,
    /// German Democratic Republic 265 DDR, Yemen People's Republic 680 YMD; Kosovo 347 uses the
    /// user-assigned XKX. Several COW codes share one ISO3: 255 Germany and 260 German Federal
    /// Republic are both DEU; 678 Yemen Arab Republic and 679 Yemen are both YEM; 345 (Serbia /
    /// Yugoslavia / Serbia and Montenegro) is SRB.
    package static let table: [(ccode: Int, cow: String, iso3: String?)] = [
        (2, "USA", "USA"), (20, "CAN", "CAN"), (31, "BHM", "BHS"), (40, "CUB", "CUB"), (41, "HAI", "HTI"),
        (42, "DOM", "DOM"), (51, "JAM", "JAM"), (52, "TRI", "TTO"), (53, "BAR", "BRB"), (54, "DMA", "DMA"),
        (55, "GRN", "GRD"), (56, "SLU", "LCA"), (57, "SVG", "VCT"), (58, "AAB", "ATG"), (60, "SKN", "KNA"),
        (70, "MEX", "MEX"), (80, "BLZ", "BLZ"), (90, "GUA", "GTM"), (91, "HON", "HND"), (92, "SAL", "SLV"),
        (93, "NIC", "NIC"), (94, "COS", "CRI"), (95, "PAN", "PAN"), (100, "COL", "COL"), (101, "VEN", "VEN"),
        (110, "GUY", "GUY"), (115, "SUR", "SUR"), (130, "ECU", "ECU"), (135, "PER", "PER"), (140, "BRA", "BRA"),
        (145, "BOL", "BOL"), (150, "PAR", "PRY"), (155, "CHL", "CHL"), (160, "ARG", "ARG"), (165, "URU", "URY"),
        (200, "UKG", "GBR"), (205, "IRE", "IRL"), (210, "NTH", "NLD"), (211, "BEL", "BEL"), (212, "LUX", "LUX"),
        (220, "FRN", "FRA"), (221, "MNC", "MCO"), (223, "LIE", "LIE"), (225, "SWZ", "CHE"), (230, "SPN", "ESP"),
        (232, "AND", "AND"), (235, "POR", "PRT"), (240, "HAN", nil), (245, "BAV", nil), (255, "GMY", "DEU"),
        (260, "GFR", "DEU"), (265, "GDR", "DDR"), (267, "BAD", nil), (269, "SAX", nil), (271, "WRT", nil),
        (273, "HSE", nil), (275, "HSG", nil), (280, "MEC", nil), (290, "POL", "POL"), (300, "AUH", nil),
        (305, "AUS", "AUT"), (310, "HUN", "HUN"), (315, "CZE", "CSK"), (316, "CZR", "CZE"), (317, "SLO", "SVK"),
        (325, "ITA", "ITA"), (327, "PAP", nil), (329, "SIC", nil), (331, "SNM", "SMR"), (332, "MOD", nil),
        (335, "PMA", nil), (337, "TUS", nil), (338, "MLT", "MLT"), (339, "ALB", "ALB"), (341, "MNG", "MNE"),
        (343, "MAC", "MKD"), (344, "CRO", "HRV"), (345, "YUG", "SRB"), (346, "BOS", "BIH"), (347, "KOS", "XKX"),
        (349, "SLV", "SVN"), (350, "GRC", "GRC"), (352, "CYP", "CYP"), (355, "BUL", "BGR"), (359, "MLD", "MDA"),
        (360, "ROM", "ROU"), (365, "RUS", "RUS"), (366, "EST", "EST"), (367, "LAT", "LVA"), (368, "LIT", "LTU"),
        (369, "UKR", "UKR"), (370, "BLR", "BLR"), (371, "ARM", "ARM"), (372, "GRG", "GEO"), (373, "AZE", "AZE"),
        (375, "FIN", "FIN"), (380, "SWD", "SWE"), (385, "NOR", "NOR"), (390, "DEN", "DNK"), (395, "ICE", "ISL"),
        (402, "CAP", "CPV"), (403, "STP", "STP"), (404, "GNB", "GNB"), (411, "EQG", "GNQ"), (420, "GAM", "GMB"),
        (432, "MLI", "MLI"), (433, "SEN", "SEN"), (434, "BEN", "BEN"), (435, "MAA", "MRT"), (436, "NIR", "NER"),
        (437, "CDI", "CIV"), (438, "GUI", "GIN"), (439, "BFO", "BFA"), (450, "LBR", "LBR"), (451, "SIE", "SLE"),
        (452, "GHA", "GHA"), (461, "TOG", "TGO"), (471, "CAO", "CMR"), (475, "NIG", "NGA"), (481, "GAB", "GAB"),
        (482, "CEN", "CAF"), (483, "CHA", "TCD"), (484, "CON", "COG"), (490, "DRC", "COD"), (500, "UGA", "UGA"),
        (501, "KEN", "KEN"), (510, "TAZ", "TZA"), (511, "ZAN", nil), (516, "BUI", "BDI"), (517, "RWA", "RWA"),
        (520, "SOM", "SOM"), (522, "DJI", "DJI"), (530, "ETH", "ETH"), (531, "ERI", "ERI"), (540, "ANG", "AGO"),
        (541, "MZM", "MOZ"), (551, "ZAM", "ZMB"), (552, "ZIM", "ZWE"), (553, "MAW", "MWI"), (560, "SAF", "ZAF"),
        (565, "NAM", "NAM"), (570, "LES", "LSO"), (571, "BOT", "BWA"), (572, "SWA", "SWZ"), (580, "MAG", "MDG"),
        (581, "COM", "COM"), (590, "MAS", "MUS"), (591, "SEY", "SYC"), (600, "MOR", "MAR"), (615, "ALG", "DZA"),
        (616, "TUN", "TUN"), (620, "LIB", "LBY"), (625, "SUD", "SDN"), (626, "SSD", "SSD"), (630, "IRN", "IRN"),
        (640, "TUR", "TUR"), (645, "IRQ", "IRQ"), (651, "EGY", "EGY"), (652, "SYR", "SYR"), (660, "LEB", "LBN"),
        (663, "JOR", "JOR"), (666, "ISR", "ISR"), (670, "SAU", "SAU"), (678, "YAR", "YEM"), (679, "YEM", "YEM"),
        (680, "YPR", "YMD"), (690, "KUW", "KWT"), (692, "BAH", "BHR"), (694, "QAT", "QAT"), (696, "UAE", "ARE"),
        (698, "OMA", "OMN"), (700, "AFG", "AFG"), (701, "TKM", "TKM"), (702, "TAJ", "TJK"), (703, "KYR", "KGZ"),
        (704, "UZB", "UZB"), (705, "KZK", "KAZ"), (710, "CHN", "CHN"), (712, "MON", "MNG"), (713, "TAW", "TWN"),
        (730, "KOR", nil), (731, "PRK", "PRK"), (732, "ROK", "KOR"), (740, "JPN", "JPN"), (750, "IND", "IND"),
        (760, "BHU", "BTN"), (770, "PAK", "PAK"), (771, "BNG", "BGD"), (775, "MYA", "MMR"), (780, "SRI", "LKA"),
        (781, "MAD", "MDV"), (790, "NEP", "NPL"), (800, "THI", "THA"), (811, "CAM", "KHM"), (812, "LAO", "LAO"),
        (816, "DRV", "VNM"), (817, "RVN", nil), (820, "MAL", "MYS"), (830, "SIN", "SGP"), (835, "BRU", "BRN"),
        (840, "PHI", "PHL"), (850, "INS", "IDN"), (860, "ETM", "TLS"), (900, "AUL", "AUS"), (910, "PNG", "PNG"),
        (920, "NEW", "NZL"), (935, "VAN", "VUT"), (940, "SOL", "SLB"), (946, "KIR", "KIR"), (947, "TUV", "TUV"),
        (950, "FIJ", "FJI"), (955, "TON", "TON"), (970, "NAU", "NRU"), (983, "MSI", "MHL"), (986, "PAL", "PLW"),
        (987, "FSM", "FSM"), (990, "WSM", "WSM"),
    ]

    private static let byCcode: [Int: (cow: String, iso3: String?)] = {
        var map: [Int: (cow: String, iso3: String?)] = [:]
        for row in table { map[row.ccode] = (row.cow, row.iso3) }
        return map
    }()

    /// The COW letter code of `ccode`, if the table knows it.
    package static func cowCode(_ ccode: Int) -> String? { byCcode[ccode]?.cow }

    /// The ISO3 code of `ccode`, if there is one.
    package static func iso3(_ ccode: Int) -> String? { byCcode[ccode]?.iso3 ?? nil }

    /// The COW numeric code for a COW letter code.
    package static func ccode(cow code: String) -> Int? { table.first { $0.cow == code }?.ccode }

    /// The COW numeric codes for an ISO3 code (several for DEU and YEM).
    package static func ccodes(iso3 code: String) -> [Int] { table.filter { $0.iso3 == code }.map(\.ccode) }
}
