//! Unit tests with sentences written for them; anchor 2021-12-02 (a Thursday).

use super::*;

fn anchor() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2021, 12, 2)
}

/// The (text, value) pairs found in `s` with the 2021-12-02 anchor.
fn found(s: &str) -> Vec<(String, String)> {
    find_timexes(s, anchor())
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn check(s: &str, want: &[(&str, &str)]) {
    assert_eq!(found(s), pairs(want), "in {s:?}");
}

fn kind_of(s: &str) -> TimexKind {
    let f = find_timexes(s, anchor());
    assert_eq!(f.len(), 1, "{s:?} gave {f:?}");
    f[0].kind
}

#[test]
fn weekdays() {
    check(
        "The council met on Wednesday to vote.",
        &[("Wednesday", "2021-12-01")],
    );
    check(
        "Rebels shelled the port Thursday.",
        &[("Thursday", "2021-12-02")],
    );
    check(
        "Talks collapsed last Friday.",
        &[("last Friday", "2021-11-26")],
    );
    check(
        "The envoy will arrive on Monday.",
        &[("Monday", "2021-12-06")],
    );
    check(
        "Troops withdrew Sunday night.",
        &[("Sunday night", "2021-11-28TNI")],
    );
}

#[test]
fn offsets_are_bytes_into_the_text() {
    let s = "Élections: the vote was held on Wednesday.";
    let f = find_timexes(s, anchor());
    assert_eq!(f.len(), 1);
    assert_eq!(&s[f[0].start..f[0].end], "Wednesday");
    assert_eq!(f[0].text, "Wednesday");
}

#[test]
fn calendar_dates() {
    check(
        "The accord was signed Dec. 2 in Geneva.",
        &[("Dec. 2", "2021-12-02")],
    );
    check(
        "Voting ends December 2nd, 2021, officials said.",
        &[("December 2nd, 2021", "2021-12-02")],
    );
    check(
        "Parliament met on 2 December 2021.",
        &[("2 December 2021", "2021-12-02")],
    );
    check(
        "The party was founded in October 1984.",
        &[("October 1984", "1984-10")],
    );
    check(
        "Filed on 2021-11-30 in court.",
        &[("2021-11-30", "2021-11-30")],
    );
    check(
        "The strike began Friday, Nov. 26.",
        &[("Friday, Nov. 26", "2021-11-26")],
    );
}

#[test]
fn month_day_without_year_takes_the_nearest_year() {
    // Jan. 10 is 39 days ahead, 2021-01-10 is 326 days back.
    check("Elections are due Jan. 10.", &[("Jan. 10", "2022-01-10")]);
    check("The ceasefire of Nov. 3 held.", &[("Nov. 3", "2021-11-03")]);
    // June 10 is 175 days back and 190 ahead.
    check(
        "The rally of June 10 was peaceful.",
        &[("June 10", "2021-06-10")],
    );
    // June is six months either way: the tie goes to the past.
    check("The rally in June was peaceful.", &[("June", "2021-06")]);
    check("The mayor resigned in July.", &[("July", "2021-07")]);
}

#[test]
fn tense_picks_the_year_of_a_bare_month() {
    // March 2022 is nearer, but the verb narrates the past.
    check("The mayor resigned in March.", &[("March", "2021-03")]);
    // No cue: the nearest.
    check("The budget is for March.", &[("March", "2022-03")]);
    // June is nearest in the past; the future cue moves it on.
    check("The new council will meet in June.", &[("June", "2022-06")]);
    // A plan of the past stays in the past.
    check(
        "The vote had been scheduled for Sept. 14 and was postponed.",
        &[("Sept. 14", "2021-09-14")],
    );
    // A forward-looking preposition beats a past verb nearby.
    check(
        "The lender said the loan was extended through February.",
        &[("February", "2022-02")],
    );
    // A month close to the anchor keeps the nearest year whatever the tense.
    check(
        "Officials said the offer expires Jan. 10.",
        &[("Jan. 10", "2022-01-10")],
    );
}

#[test]
fn tense_picks_the_direction_of_a_weekday() {
    check(
        "The talks are set to resume Monday in Oslo.",
        &[("Monday", "2021-12-06")],
    );
    check(
        "The envoys left Monday after the talks.",
        &[("Monday", "2021-11-29")],
    );
    check(
        "The convoy could leave as soon as Saturday.",
        &[("Saturday", "2021-12-04")],
    );
}

#[test]
fn quarters_follow_tense_and_the_report() {
    // Told in December: the fiscal first quarter is over, so it is this
    // year's.
    check(
        "The airline earned $5 million in the fiscal first quarter.",
        &[("the fiscal first quarter", "2021-Q1")],
    );
    // A planned charge in a quarter still to come does not become the
    // quarter "a year earlier" refers to.
    check(
        "Third-quarter profit rose, and a fourth-quarter charge is planned. Sales were flat from a year earlier.",
        &[
            ("Third-quarter", "2021-Q3"),
            ("fourth-quarter", "2021-Q4"),
            ("a year earlier", "2020-Q3"),
        ],
    );
    // Nine-month figures compare whole years.
    check(
        "Third-quarter profit rose. In the first nine months, net fell from a year earlier.",
        &[
            ("Third-quarter", "2021-Q3"),
            ("the first nine months", "P9M"),
            ("a year earlier", "2020"),
        ],
    );
}

#[test]
fn references_to_the_date_last_spoken_of() {
    check(
        "The general was promoted on May 22, 2015, and the following year he became attache.",
        &[
            ("May 22, 2015", "2015-05-22"),
            ("the following year", "2016"),
        ],
    );
    check(
        "The rebels entered the town on Oct. 3, 2019. Later that year they left.",
        &[("Oct. 3, 2019", "2019-10-03"), ("Later that year", "2019")],
    );
    check(
        "The court sat on March 4, 2020, and the verdict came the next day.",
        &[
            ("March 4, 2020", "2020-03-04"),
            ("the next day", "2020-03-05"),
        ],
    );
    check(
        "The pact was signed in April 2018. That month the border reopened.",
        &[("April 2018", "2018-04"), ("That month", "2018-04")],
    );
    // Nothing spoken of before: the anchor.
    check(
        "The ministers met again the following day.",
        &[("the following day", "2021-12-03")],
    );
}

#[test]
fn year_end_halves_and_spelled_years() {
    check(
        "The merger should close by year-end.",
        &[("year-end", "2021-12-31")],
    );
    check(
        "The index has risen 4% since year-end.",
        &[("year-end", "2020-12-31")],
    );
    check(
        "The refugees waited 2 1/2 years for papers.",
        &[("2 1/2 years", "P2Y6M")],
    );
    check(
        "The crossing took 5 1/2 hours.",
        &[("5 1/2 hours", "PT5H30M")],
    );
    check(
        "Prices peaked in the winter of nineteen ninety-four.",
        &[("the winter of nineteen ninety-four", "1994-WI")],
    );
    check(
        "January nineteen ninety-seven brought another attack.",
        &[("January nineteen ninety-seven", "1997-01")],
    );
    check(
        "Shares rose at mid-afternoon yesterday.",
        &[("mid-afternoon yesterday", "2021-12-01TAF")],
    );
}

#[test]
fn relative_days() {
    check(
        "The minister spoke yesterday.",
        &[("yesterday", "2021-12-01")],
    );
    check("The border reopens today.", &[("today", "2021-12-02")]);
    check(
        "A verdict is expected tomorrow.",
        &[("tomorrow", "2021-12-03")],
    );
    check(
        "Clashes erupted three days ago.",
        &[("three days ago", "2021-11-29")],
    );
    check(
        "Police made arrests this morning.",
        &[("this morning", "2021-12-02TMO")],
    );
    check(
        "Sirens sounded last night.",
        &[("last night", "2021-12-01TNI")],
    );
}

#[test]
fn relative_weeks_months_years() {
    check("Protests spread last week.", &[("last week", "2021-W47")]);
    check("The envoy arrives next week.", &[("next week", "2021-W49")]);
    check("Prices rose this month.", &[("this month", "2021-12")]);
    check("Prices rose last month.", &[("last month", "2021-11")]);
    check("The summit is next month.", &[("next month", "2022-01")]);
    check("Exports grew this year.", &[("this year", "2021")]);
    check("Exports grew last year.", &[("last year", "2020")]);
    check(
        "The vote was postponed until next year.",
        &[("next year", "2022")],
    );
    check(
        "Unrest grew earlier this year.",
        &[("earlier this year", "2021")],
    );
    check(
        "Two aid workers were freed last March.",
        &[("last March", "2021-03")],
    );
}

#[test]
fn years_decades_centuries() {
    check("The treaty was signed in 2019.", &[("2019", "2019")]);
    check(
        "Deficits in fiscal 1998 were large.",
        &[("fiscal 1998", "1998")],
    );
    check(
        "The war of the 1990s scarred the region.",
        &[("the 1990s", "199")],
    );
    check(
        "By the mid-1990s, trade had doubled.",
        &[("the mid-1990s", "199")],
    );
    check(
        "Unrest in the early 1980s and 1990s spread.",
        &[("the early 1980s", "198"), ("1990s", "199X")],
    );
    check(
        "Such coups were common in the '70s.",
        &[("the '70s", "197")],
    );
    check(
        "It was the bloodiest conflict of the 20th century.",
        &[("the 20th century", "19")],
    );
    // Amounts are not years.
    check("The army sent 1990 troops and $2000 in aid.", &[]);
}

#[test]
fn quarters_halves_seasons() {
    check(
        "Growth slowed in the third quarter.",
        &[("the third quarter", "2021-Q3")],
    );
    check(
        "Third-quarter profit fell.",
        &[("Third-quarter", "2021-Q3")],
    );
    check(
        "Output rose in the second quarter of 2019.",
        &[("the second quarter of 2019", "2019-Q2")],
    );
    check(
        "Sales fell in 2021-Q3, and in Q2 2020.",
        &[("2021-Q3", "2021-Q3"), ("Q2 2020", "2020-Q2")],
    );
    check(
        "Elections are planned for the first half of 2022.",
        &[("the first half of 2022", "2022-H1")],
    );
    check(
        "The offensive began last fall.",
        &[("last fall", "2021-FA")],
    );
    check(
        "The drought began last spring.",
        &[("last spring", "2021-SP")],
    );
    check("Talks resume this summer.", &[("this summer", "2021-SU")]);
}

#[test]
fn quarter_references_follow_the_text() {
    check(
        "Profit rose in the third quarter, up from $2 million a year earlier.",
        &[
            ("the third quarter", "2021-Q3"),
            ("a year earlier", "2020-Q3"),
        ],
    );
    check(
        "Losses in the quarter narrowed from the year-ago quarter.",
        &[
            ("the quarter", "2021-Q3"),
            ("the year-ago quarter", "2020-Q3"),
        ],
    );
}

#[test]
fn durations() {
    check("The siege lasted three days.", &[("three days", "P3D")]);
    check(
        "Inflation doubled over the past five years.",
        &[("the past five years", "P5Y")],
    );
    check("He served a two-year term.", &[("two-year", "P2Y")]);
    check(
        "The talks took several months.",
        &[("several months", "PXM")],
    );
    check(
        "The ministry met for nearly an hour.",
        &[("nearly an hour", "PT1H")],
    );
    check("They were held for 18 months.", &[("18 months", "P18M")]);
    // An age is not a duration.
    check("A 6-year-old girl was hurt.", &[]);
}

#[test]
fn vague_references() {
    check(
        "The rebels now control the city.",
        &[("now", "PRESENT_REF")],
    );
    check(
        "Fighting has intensified in recent months.",
        &[("recent months", "PXM")],
    );
    check(
        "Kidnappings have risen in recent years.",
        &[("recent years", "PAST_REF")],
    );
    check(
        "Talks will resume in the coming weeks.",
        &[("the coming weeks", "PXW")],
    );
    check(
        "Rents rose over the past year.",
        &[("the past year", "2020")],
    );
    check(
        "The current crisis began with a strike.",
        &[("current", "PRESENT_REF")],
    );
    check(
        "The region has been calm recently.",
        &[("recently", "PAST_REF")],
    );
    check(
        "Reforms are planned for the future.",
        &[("the future", "FUTURE_REF")],
    );
    check("Aid is currently blocked.", &[("currently", "PRESENT_REF")]);
}

#[test]
fn sets() {
    check("Patrols run daily along the border.", &[("daily", "P1D")]);
    check("Ministers meet every month.", &[("every month", "P1M")]);
    check(
        "The market opens each Thursday.",
        &[("each Thursday", "XXXX-WXX-4")],
    );
    assert_eq!(
        kind_of("Patrols run daily along the border."),
        TimexKind::Set
    );
}

#[test]
fn times_of_day() {
    check(
        "The curfew starts at 3 p.m.",
        &[("3 p.m.", "2021-12-02T15:00")],
    );
    check(
        "Polls closed at 8:30 p.m. Wednesday.",
        &[("8:30 p.m. Wednesday", "2021-12-01T20:30")],
    );
    check("Shots rang out at noon.", &[("noon", "2021-12-02T12:00")]);
    assert_eq!(kind_of("The curfew starts at 3 p.m."), TimexKind::Time);
}

#[test]
fn ranges_give_both_ends() {
    check(
        "The fair runs from Dec. 1 to Dec. 5.",
        &[("Dec. 1", "2021-12-01"), ("Dec. 5", "2021-12-05")],
    );
    check(
        "The 2019-2021 plan failed.",
        &[("2019", "2019"), ("2021", "2021")],
    );
    check(
        "Rains fell between March and May.",
        &[("March", "2021-03"), ("May", "2021-05")],
    );
}

#[test]
fn holidays() {
    check(
        "Shops closed on Christmas Day.",
        &[("Christmas Day", "2021-12-25")],
    );
    check(
        "Families gathered on Thanksgiving.",
        &[("Thanksgiving", "2021-11-25")],
    );
}

#[test]
fn no_anchor_leaves_placeholders() {
    let f = find_timexes("The council met on Wednesday and yesterday.", None);
    let v: Vec<&str> = f.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(v, ["XXXX-WXX-3", "XXXX-XX-XX"]);
    let f = find_timexes("Talks began Dec. 2 in 2019.", None);
    let v: Vec<&str> = f.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(v, ["XXXX-12-02", "2019"]);
}

#[test]
fn modal_may_and_verb_march_are_not_months() {
    check("Protesters may march on the capital.", &[]);
}

#[test]
fn serialises_as_timeml_kinds() {
    let f = find_timexes("Talks ended yesterday.", anchor());
    let json = serde_json::to_string(&f).unwrap_or_default();
    assert!(json.contains("\"kind\":\"DATE\""), "{json}");
    assert!(json.contains("\"value\":\"2021-12-01\""), "{json}");
}

#[test]
fn clause_initial_now_with_a_comma_is_a_discourse_marker() {
    check(
        "The bridge was closed for years. Now, the mayor says, it will reopen.",
        &[("years", "PXY")],
    );
    check("The ministry now runs the port.", &[("now", "PRESENT_REF")]);
    check("For now, the border stays shut.", &[("now", "PRESENT_REF")]);
}

#[test]
fn names_and_idioms_are_not_times() {
    check("He fought on as if it were high noon in the valley.", &[]);
    check("The governor spoke on the \"This Week\" programme.", &[]);
    check("The poll ran in USA Today and was widely quoted.", &[]);
    check("It would be a second defeat for the party.", &[]);
    check("Thousands joined the annual March for Peace downtown.", &[]);
    check(
        "Today the assembly votes; turnout was high today.",
        &[("Today", "2021-12-02"), ("today", "2021-12-02")],
    );
    check(
        "The trial opened in March for the first time.",
        &[("March", "2021-03")],
    );
}

#[test]
fn vague_futures_and_spans() {
    check(
        "Officials expect losses in the near term.",
        &[("the near term", "FUTURE_REF")],
    );
    check("The firm repaid its short-term debt.", &[]);
    check(
        "The rebels could one day return to the capital.",
        &[("one day", "FUTURE_REF")],
    );
    check("Aid should arrive within weeks.", &[("weeks", "PXW")]);
    check(
        "Turnout fell through the nineties.",
        &[("the nineties", "199")],
    );
}

#[test]
fn recurring_weekdays_months_and_averages() {
    check(
        "Ferries sail on Friday and Saturday nights.",
        &[
            ("Friday", "XXXX-WXX-5TNI"),
            ("Saturday nights", "XXXX-WXX-6TNI"),
        ],
    );
    check(
        "Pilgrims gather each June at the shrine.",
        &[("each June", "XXXX-06")],
    );
    check("The average daily output rose.", &[]);
    check(
        "Three envoys were expelled, most recently last March.",
        &[("last March", "2021-03")],
    );
}

#[test]
fn weeks_of_dates_previous_weekdays_and_paired_days() {
    check(
        "The hearing is set for the week of Jan. 10.",
        &[("the week of Jan. 10", "2022-W02")],
    );
    check(
        "Shares closed on Nov. 26, down from the previous Friday.",
        &[
            ("Nov. 26", "2021-11-26"),
            ("the previous Friday", "2021-11-19"),
        ],
    );
    check(
        "The summit meets on Dec. 14 and 15.",
        &[("Dec. 14", "2021-12-14"), ("15", "2021-12-15")],
    );
    check(
        "The campaign runs until Election Day.",
        &[("Election Day", "2021-11-02")],
    );
}

#[test]
fn may_have_day_keeps_every_day_cue_and_drops_figures() {
    let anchor = NaiveDate::from_ymd_opt(2021, 12, 2);
    let with_day = [
        "They met on Wednesday.",
        "Talks resumed this morning in Geneva.",
        "He left three days ago.",
        "The deal was signed on Dec. 2.",
        "The vote is due 12/01/2021.",
        "Trading opens at 7:20 a.m. CDT.",
        "It went on sale before Christmas.",
        "Output will rise by year-end.",
    ];
    for s in with_day {
        assert!(super::may_have_day(s), "{s}");
        let full = find_timexes(s, anchor)
            .into_iter()
            .any(|t| t.value.len() >= 10 && t.value.as_bytes()[4] == b'-');
        assert!(full, "{s} should hold a full date");
    }
    for s in [
        "Net profit rose 12 pct to 1.5 mln dlrs.",
        "The index could fall 3 pct in the second quarter.",
        "Shares were marked down in March trading.",
    ] {
        assert!(!super::may_have_day(s), "{s}");
    }
}
