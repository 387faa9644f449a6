"""The story kinds of the benchmark corpus: templates written for corroborator.

Each kind names its slots (the figures a story has: people aboard, damage, the
year a bridge was built...) and gives sentence templates that state them. The
templates are ``str.format`` strings over a report's context (see
``generate.Context``): ``{town}``, ``{company}`` are names invented for the
story; ``{dead}``, ``{damage:b}`` are slot values rendered in the report's own
style, where the spec chooses a form:

    (none)  the report's usual form: digits or words, "$2.5 million", "60%"
    b       with a bound when the report hedges the figure: "at least nine"
    C       capitalised, to open a sentence: "Fourteen", "Some 140"
    w / d   words / digits regardless of the report's style
    ago     a year as a distance from the publication date: "26 years ago"

``{when}`` is the event's date relative to the publication date ("late on
Tuesday", "last Tuesday", "on June 11"); ``{q}``/``{qq}`` are the report's
opening and closing quote marks. Every name, place and figure is invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slot:
    kind: str  # count | money | pct | km | hours | year | tonnes | hectares
    low: float
    high: float
    conflict: float = 0.12  # chance that a report states another figure


@dataclass(frozen=True)
class Kind:
    key: str
    slots: dict[str, Slot]
    headlines: tuple[str, ...]
    leads: tuple[str, ...]
    paragraphs: tuple[tuple[str, ...], ...]  # each: alternative phrasings of one paragraph
    quotes: tuple[tuple[str, str], ...]  # (speaker key, quote text)
    hedged: tuple[str, ...]
    objects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name patterns


FERRY = Kind(
    key="ferry",
    slots={
        "aboard": Slot("count", 60, 420), "dead": Slot("count", 2, 40, 0.3),
        "rescued": Slot("count", 30, 300, 0.2), "missing": Slot("count", 3, 30, 0.3),
        "crew": Slot("count", 6, 24), "built": Slot("year", 1978, 2012),
        "distance": Slot("km", 4, 40), "waves": Slot("count", 2, 6, 0.0),
        "capacity": Slot("count", 300, 900), "boats": Slot("count", 4, 20),
        "fare": Slot("money", 8, 45),
    },
    headlines=(
        "{vessel} capsizes off {town} with {aboard} aboard; {dead:b} dead",
        "Ferry disaster: {dead:b} killed as {vessel} overturns in {strait}",
        "{dead:C} dead, {missing} missing after {vessel} sinks near {town}",
        "Search goes on for {missing} missing from the {vessel}",
    ),
    leads=(
        ("The passenger ferry {vessel} capsized {when} in the {strait}, about {distance} from "
        "{town}, with {aboard} people on board, {agency} said."),
        ("{dead:C} people died and {missing} were missing after the ferry {vessel} overturned "
        "{when} in rough seas off {town}, according to {agency}."),
        ("Rescuers pulled {rescued:b} survivors from the water after the {vessel}, an ageing "
        "ferry operated by {company}, sank {when} on the crossing to {island}."),
    ),
    paragraphs=(
        (("{company}, which operates the ferry, confirmed that {aboard} people were on board, "
         "{crew} of them crew. The vessel was licensed to carry {capacity} passengers."),
         ("The ship, licensed for {capacity} passengers, was carrying {aboard:b} people, "
         "including {crew} crew members, {company} said in a statement.")),
        (("At least {dead:w} bodies had been recovered by the evening and {rescued} survivors "
         "were taken to hospital in {town}, where {hospital_ward} was cleared for them."),
         ("By nightfall the death toll stood at {dead}, with {rescued:b} people rescued and "
         "{missing} still unaccounted for, officials said.")),
        (("The {vessel} was built in {built} and had been due for a refit, according to "
         "records seen by {outlet}."),
         ("Built {built:ago}, the ferry had passed its last inspection in {month}, "
         "{company} said.")),
        (("{boats:C} fishing boats and two helicopters joined the search, working through the "
         "night under floodlights. Waves of up to {waves} metres hampered the effort."),
         ("Rescue crews in {boats} boats searched an area of the {strait} where waves reached "
         "{waves} metres, {agency} said.")),
        (("A one-way ticket on the crossing costs {fare}, and the service is the only "
         "regular link between {island} and the mainland."),
         ("Islanders pay {fare} for a single crossing, a fare that rose by {fare_rise} last "
         "year.")),
    ),
    quotes=(
        ("spokes", ("The sea was very rough. Our crews are still searching, and we will not stop "
         "while there is any chance of finding people alive")),
        ("official", "Every family on {island} knows someone who was on that boat"),
        ("union", "We warned the company about this vessel {warned} times. Nobody listened"),
        ("witness", "It went over in less than a minute. People were screaming in the dark"),
        ("company", ("Our thoughts are with the families. We are cooperating fully with the "
         "investigation")),
        ("expert", "Ferries of this age should have been retired a decade ago"),
    ),
    hedged=(
        ("Unconfirmed reports on social media suggested that some passengers had boarded "
        "without tickets, which would mean the true number aboard was higher."),
        ("The ferry was reportedly carrying more cargo than it was licensed for, though "
        "{company} denied this."),
        "Some survivors allegedly said the crew had not handed out life jackets.",
    ),
    objects={"vessel": ("{A} Star", "{A} Queen", "Spirit of {B}", "{A}"),
             "strait": ("{A} Strait", "{A} Sound", "Gulf of {B}")},
)

FIRE = Kind(
    key="fire",
    slots={
        "injured": Slot("count", 5, 90, 0.3), "dead": Slot("count", 1, 12, 0.25),
        "evacuated": Slot("count", 200, 4000), "damage": Slot("money", 2e6, 9e7, 0.2),
        "staff": Slot("count", 120, 2500), "firefighters": Slot("count", 40, 300),
        "hours": Slot("hours", 4, 30), "built": Slot("year", 1965, 2008),
        "output": Slot("pct", 5, 45), "tonnes": Slot("tonnes", 20, 900),
    },
    headlines=(
        "Fire at {plant} injures {injured}, forces {evacuated:b} from homes",
        "{dead:C} killed in blaze at {company} plant in {town}",
        "Explosion and fire at {plant}: {injured:b} hurt",
        "{town} chemical fire brought under control after {hours}",
    ),
    leads=(
        ("A fire at the {plant} in {town} injured {injured} people and forced {evacuated:b} "
        "residents from their homes {when}, {agency} said."),
        ("{dead:C} workers were killed and {injured:b} injured when an explosion tore through "
        "{company}'s plant on the edge of {town} {when}."),
        ("Firefighters battled for {hours} to contain a blaze at the {plant}, which broke out "
        "{when} and sent a plume of black smoke over {town}."),
    ),
    paragraphs=(
        (("{firefighters:C} firefighters from across {region} were called to the site, the "
         "fire service said. The blaze was declared under control after {hours}."),
         ("The fire service sent {firefighters:b} firefighters, and crews remained at the "
         "plant for {hours} to damp down hot spots.")),
        (("The plant employs {staff} people and accounts for {output} of {company}'s output, "
         "according to the company's most recent annual report."),
         ("{company}, which has {staff} staff at the site, said the plant produced {output} of "
         "its chemicals.")),
        (("Early estimates of the damage ran to {damage:b}, a figure the company said it could "
         "not yet confirm."),
         "Insurers estimated the damage at {damage}, {outlet} has learned."),
        (("The plant, built in {built}, stored about {tonnes} of solvents, regional records "
         "show."),
         "Opened {built:ago}, the site holds up to {tonnes} of flammable material."),
        (("Residents within two kilometres were told to keep windows closed. {evacuated:C} "
         "people spent the night in schools and sports halls."),
         ("Around {evacuated} people were moved to emergency shelters in {town2}, the council "
         "said.")),
    ),
    quotes=(
        ("spokes", ("The fire spread very quickly through the storage hall. Our crews did "
         "extraordinary work")),
        ("official", "We will find out how this happened, and someone will be held to account"),
        ("union", "Workers raised safety concerns about that hall at least {warned} times"),
        ("witness", "The whole sky went orange. I grabbed the children and ran"),
        ("company", "Safety is our first priority, and we are supporting everyone affected"),
        ("expert", "Solvent fires of this kind are extremely difficult to put out"),
    ),
    hedged=(
        "A worker reportedly said an alarm had been switched off days earlier.",
        "Some residents claimed, citing no evidence, that toxic gas had reached {town2}.",
        "The blaze may have started in a faulty dryer, according to unconfirmed reports.",
    ),
    objects={"plant": ("{A} chemical plant", "{A} refinery", "{A} paint works")},
)

FLOOD = Kind(
    key="flood",
    slots={
        "dead": Slot("count", 2, 60, 0.3), "displaced": Slot("count", 1000, 90000, 0.2),
        "homes": Slot("count", 300, 12000, 0.2), "rain": Slot("count", 120, 480, 0.1),
        "aid": Slot("money", 1e6, 5e7), "hectares": Slot("hectares", 500, 40000),
        "crops": Slot("pct", 10, 70), "level": Slot("count", 3, 9, 0.0),
        "last": Slot("year", 1950, 2015), "villages": Slot("count", 8, 90),
    },
    headlines=(
        "Floods kill {dead:b} in {region} as the {river} bursts its banks",
        "{displaced:C} displaced as floods swamp {town}",
        "{region} floods: death toll rises to {dead}",
        "Government pledges {aid} for flood-hit {region}",
    ),
    leads=(
        ("Floods in {region} have killed {dead:b} people and forced {displaced} from their "
        "homes since the {river} burst its banks {when}, {agency} said."),
        ("The {river} rose {level} metres above its normal level {when}, swamping {villages} "
        "villages around {town} after {rain} millimetres of rain fell in two days."),
        ("{dead:C} people have died in the worst floods to hit {region} since {last}, "
        "officials said, as rescuers used boats to reach stranded families."),
    ),
    paragraphs=(
        (("About {homes} homes were damaged or destroyed, and {hectares} of farmland are under "
         "water, the agriculture ministry said."),
         "The water damaged {homes:b} houses and flooded {hectares} of fields."),
        ("Farmers say they have lost {crops} of this year's harvest.",
         "As much as {crops} of the rice crop may be lost, the farmers' union estimated."),
        ("The government promised {aid} in emergency aid, to be paid within weeks.",
         "{official_title} {official_last} announced an aid package of {aid}."),
        ("The last flood of this size, in {last}, killed dozens and left hundreds homeless.",
         "Older residents compared the water to the great flood of {last}, {last:ago}."),
        (("{villages:C} villages were cut off by the water, and helicopters dropped food and "
         "drinking water to families on rooftops."),
         "Rescuers reached {villages:b} villages by boat, {agency} said."),
    ),
    quotes=(
        ("spokes", ("The river is still rising in places. We are asking people not to return "
         "home yet")),
        ("official", "No family will be left to face this alone"),
        ("witness", "The water came through the door in the night. We lost everything"),
        ("expert", ("These floods are becoming more frequent, and the levees were never built "
         "for this")),
        ("union", "Farmers need compensation now, not in six months"),
    ),
    hedged=(
        "Some villagers reportedly refused to leave their homes for fear of looting.",
        "A dam upstream may have released water without warning, according to local media.",
        "The true toll is allegedly higher, as several villages have not been reached.",
    ),
    objects={"river": ("{A} River", "River {B}")},
)

MINE = Kind(
    key="mine",
    slots={
        "trapped": Slot("count", 6, 60, 0.25), "depth": Slot("count", 200, 1200, 0.15),
        "dead": Slot("count", 1, 20, 0.3), "rescued": Slot("count", 3, 50, 0.2),
        "workers": Slot("count", 300, 5000), "opened": Slot("year", 1950, 2005),
        "fine": Slot("money", 5e4, 2e6), "hours": Slot("hours", 12, 96),
        "output": Slot("tonnes", 1e5, 3e6), "share": Slot("pct", 5, 40),
    },
    headlines=(
        "{trapped:C} miners trapped after collapse at {mine}",
        "Rescuers race to reach {trapped} miners {depth} metres underground",
        "{rescued:C} miners pulled out alive at {mine}; {dead:b} dead",
        "{mine} collapse: owner {company} faces questions",
    ),
    leads=(
        ("A tunnel collapsed {when} at the {mine} near {town}, trapping {trapped} miners about "
        "{depth} metres underground, {agency} said."),
        ("Rescuers brought {rescued:b} miners to the surface after {hours} of work at the "
        "{mine}, where a roof fall {when} trapped {trapped} workers."),
        ("{dead:C} miners died and {trapped:b} were trapped when part of the {mine} in {region} "
        "caved in {when}."),
    ),
    paragraphs=(
        (("The mine, opened in {opened}, employs {workers} people and produces about {output} "
         "of ore a year."),
         "{company} runs the mine, which was opened {opened:ago} and has {workers:b} staff."),
        (("Inspectors fined {company} {fine} two years ago for failing to shore up tunnels, "
         "records show."),
         ("The company was fined {fine} over ventilation failures at the site, according to "
         "the regulator.")),
        ("The mine supplies {share} of the country's copper, and its closure would hit exports.",
         "Analysts said the mine accounts for {share} of {country}'s mineral exports."),
        (("Rescue teams drilled a narrow shaft to send down air, water and food, and worked in "
         "shifts for {hours}."),
         "After {hours} of digging, rescuers made voice contact with {trapped:b} of the men."),
    ),
    quotes=(
        ("spokes", "We have contact with some of the men. They are tired but in good spirits"),
        ("union", ("This mine was a disaster waiting to happen. We reported the cracks {warned} "
         "times")),
        ("witness", "My brother is down there. Nobody tells us anything"),
        ("company", "We are doing everything possible to bring our colleagues home"),
        ("official", "The government will review every licence in the region"),
        ("expert", "The first 72 hours are critical in a rescue like this"),
    ),
    hedged=(
        ("The collapse was reportedly preceded by a small tremor, though seismologists have "
        "not confirmed one."),
        "Managers allegedly ordered the shift to continue despite warnings.",
        "Some families claimed that more men were underground than the company admitted.",
    ),
    objects={"mine": ("{A} copper mine", "{A} colliery", "{A} pit")},
)

STRIKE = Kind(
    key="strike",
    slots={
        "strikers": Slot("count", 800, 40000, 0.25), "raise": Slot("pct", 3, 18, 0.15),
        "offer": Slot("pct", 1, 8, 0.1), "days": Slot("count", 2, 30, 0.2),
        "loss": Slot("money", 1e6, 6e7, 0.25), "members": Slot("count", 5000, 90000),
        "wage": Slot("money", 900, 3500), "last": Slot("year", 1985, 2019),
        "sites": Slot("count", 3, 40),
    },
    headlines=(
        "{strikers:C} {workers_noun} walk out in pay dispute with {company}",
        "Strike at {company} enters day {days}",
        "{union} rejects {offer} pay offer as strike spreads to {sites} sites",
        "{company} says strike has cost {loss:b}",
    ),
    leads=(
        ("About {strikers} {workers_noun} at {company} walked off the job {when}, demanding a "
        "{raise} pay rise, {union} said."),
        ("A strike by {strikers:b} {workers_noun} halted work at {sites} {company} sites "
        "{when}, after talks on a new wage deal collapsed."),
        ("{union}, which represents {members} workers, called the strike {when} after "
        "{company} offered a rise of {offer}."),
    ),
    paragraphs=(
        ("The union is asking for {raise} over two years; the company has offered {offer}.",
         "{company} has offered {offer}, against the union's demand of {raise}."),
        ("The company said the stoppage had cost it {loss:b} so far.",
         "Analysts estimate the strike is costing {company} about {loss} a week."),
        ("The average monthly wage at the company is {wage}, union figures show.",
         "Workers earn about {wage} a month, the union says."),
        (("It is the first strike at {company} since {last}, when a walkout lasted {days} "
         "days."),
         "The last stoppage, {last:ago}, ended with a deal after {days} days."),
    ),
    quotes=(
        ("union", "Our members cannot live on promises. Prices have gone up and pay has not"),
        ("company", "Our offer is fair and we urge the union to return to the table"),
        ("official", ("Both sides must find a solution quickly; the country cannot afford "
         "this")),
        ("witness", "I have worked here for {warned} years and never seen anger like this"),
        ("expert", "The strike could shave a fraction off growth this quarter"),
    ),
    hedged=(
        "Managers reportedly threatened to hire replacement workers.",
        "Some strikers allegedly blocked trucks from leaving one site.",
        ("The government may intervene to force arbitration, according to people familiar "
        "with the talks."),
    ),
    objects={},
)

BRIDGE = Kind(
    key="bridge",
    slots={
        "dead": Slot("count", 1, 25, 0.3), "injured": Slot("count", 4, 60, 0.25),
        "vehicles": Slot("count", 3, 30, 0.2), "length": Slot("count", 90, 900, 0.1),
        "built": Slot("year", 1955, 2000, 0.1), "traffic": Slot("count", 4000, 60000),
        "repair": Slot("money", 5e6, 2e8, 0.2), "budget": Slot("pct", 5, 40),
        "detour": Slot("km", 10, 90),
    },
    headlines=(
        "Bridge collapse in {town} kills {dead:b}",
        "{dead:C} dead as {bridge} falls into the {river}",
        "{bridge} collapse: questions over inspections",
        "{vehicles:C} vehicles plunged into river as {bridge} gave way",
    ),
    leads=(
        ("A section of the {bridge} in {town} collapsed {when}, sending {vehicles} vehicles "
        "into the {river} and killing {dead:b} people, {agency} said."),
        ("{dead:C} people were killed and {injured} injured when the {bridge}, a {length}-metre "
        "span over the {river}, gave way {when}."),
        ("Divers searched the {river} for victims after the {bridge} collapsed {when} during "
        "the evening rush hour."),
    ),
    paragraphs=(
        ("The bridge was built in {built} and carried about {traffic} vehicles a day.",
         "Opened {built:ago}, the {length}-metre bridge carried {traffic:b} vehicles daily."),
        ("Engineers estimate that rebuilding the crossing will cost {repair:b}.",
         "A replacement could cost {repair}, the transport ministry said."),
        (("Maintenance spending on the region's bridges fell by {budget} over five years, "
         "budget documents show."),
         "The council cut its road maintenance budget by {budget} in the last decade."),
        ("Drivers now face a detour of {detour} through {town2}.",
         "Traffic is being diverted through {town2}, a detour of {detour}."),
        ("{injured:C} people were taken to hospital, {hospital_ward} said.",
         "Hospitals in {town} treated {injured:b} injured people."),
    ),
    quotes=(
        ("spokes", "Divers are still searching the river, and we expect the toll to rise"),
        ("official", "There will be a full inquiry into every inspection of this bridge"),
        ("witness", "I heard a crack like thunder and the road just dropped"),
        ("expert", "Bridges of this age need inspection every year, not every five"),
        ("company", "Our last inspection found no structural problems"),
    ),
    hedged=(
        "Engineers had reportedly flagged cracks in the supports two years ago.",
        "A lorry that was allegedly overweight may have triggered the collapse.",
        "Some residents claimed the bridge had been swaying for weeks.",
    ),
    objects={"bridge": ("{A} Bridge", "{B} Viaduct")},
)

KINDS = (FERRY, FIRE, FLOOD, MINE, STRIKE, BRIDGE)

# Paragraphs any story can carry: background on places and people, each with its
# own invented figures (in ``Context.extra``), so reports are long and varied.
BACKGROUND = (
    "{town}, home to about {pop} people, lies {dist_b} from the capital, {capital}.",
    ("{town} has a population of {pop}, according to the {census_year} census, up from "
    "{pop_old} a decade earlier."),
    "Tourism accounts for {tourism} of jobs in {region}, and the season starts in {month}.",
    "The region's economy grew by {growth} last year, the statistics office said in {month}.",
    ("{official_title} {official_last} has led {region} since {since}, and faces an election "
    "in {election_year}."),
    "{agency} was set up in {founded} and has a staff of {agency_staff}.",
    ("In {stat_year}, {agency} recorded {incidents} serious incidents in the region, up from "
    "{incidents_old} the year before."),
    "The nearest hospital, in {town2}, has {beds} beds and was already near capacity.",
    ("{company} reported revenue of {revenue} last year and employs {company_staff} people "
    "across {country}."),
    ("{country} has spent {infra} on roads, ports and bridges since {infra_year}, a figure "
    "critics call too small."),
    ("The opposition said {official_title} {official_last} had ignored warnings, a charge "
    "{official_pron} rejected on {weekday}."),
    ("Shops in {town} closed early, and schools will stay shut until {weekday}, the council "
    "said."),
    ("{expert} of the {university} said the disaster showed how little had changed since "
    "{old_year}."),
    "A candlelight vigil is planned for {weekday} evening in the main square of {town}.",
    ("The {agency_short} said it would publish a preliminary report within {report_weeks} "
    "weeks."),
    "Local radio said {volunteers} volunteers had signed up to help, many of them students.",
    ("Donations to a relief fund set up by the {town} council passed {donations} by the "
    "evening."),
    ("Prosecutors in {town2} have opened an investigation, a spokesman for the prosecutor's "
    "office said."),
    ("The {town} council met in an emergency session on {weekday} and voted to release "
     "{council_fund} from its reserves."),
    ("Roads into {town} were closed for most of the day, and the railway line to {capital} "
     "reopened only in the evening."),
    ("Opposition lawmakers in {capital} called for an inquiry, and {petition} people signed an "
     "online petition demanding one within {petition_days} days."),
    ("The {university} said {students} of its students come from {region}, and it offered "
     "counselling to anyone affected."),
    ("Insurance claims from the region already exceed {claims}, an industry group said, "
     "roughly {claims_share} of the total for the whole of last year."),
    ("Unemployment in {region} stood at {unemployment} in {month}, well above the national "
     "average."),
    ("The {agency_short} has {agency_staff} staff but only {inspectors} inspectors for the "
     "whole of {region}, its annual report shows."),
    ("Flags flew at half mast on public buildings in {capital}, and a minute's silence was "
     "held before {weekday}'s football match."),
    ("Church groups and the Red Lantern society sent {aid_trucks} trucks of blankets, food and "
     "water."),
    ("The provincial budget for emergency services was cut by {cut} two years ago, a decision "
     "{official_title} {official_last} defended at the time."),
    ("A similar accident in {old_year}, {old_year:ago}, led to new rules that critics say were "
     "never enforced."),
    ("Mobile networks were overloaded for several hours as relatives tried to reach each "
     "other, operators said."),
)

# Page furniture, by where it sits; the cleaner must remove it.
CLUTTER_TOP = ("{mins} min read", "Updated {hours_ago} hours ago", "Listen to this article",
               "![]({cdn}/img/{slug}.jpg)", "Photo: {photographer}/{outlet}",
               "Share on Facebook | Share on Twitter | Email")
CLUTTER_MID = ("- Advertisement -", "ADVERTISEMENT", "Advertisement", "Read more: {teaser}",
               "Related: {teaser}", "Sign up for our daily briefing", "Story continues below",
               "Subscribe to {outlet} for $1 a week", "Watch: {teaser} (video, 2:14)")
CLUTTER_END = ("This is a developing story and will be updated.", "Share this article",
               "{comments} Comments", "About the author: {author} covers {beat} for {outlet}.",
               "© {year} {outlet}. All rights reserved.", "Tags: {tags}",
               "Most read", "{shares} shares")
TEASERS = ("Council approves new harbour wall", "Five things to do this weekend",
           "Property prices rise for a third month", "Local team wins the cup final",
           "New bakery opens on the high street", "Weather: storms expected by Friday",
           "Opinion: our roads need more than promises", "Festival returns after two years")


# Sentences without a figure, a date or a quotation: the scene, the reaction, the
# background a reporter adds. Real news holds figures, dates or quotes in only
# about half of its sentences (see ``bench/perf.py``, which measures both), so a
# report draws some of these as well as the figure-laden ``BACKGROUND``.
NARRATIVE = (
    "Residents of {town} gathered outside the town hall as the news spread.",
    "Many of them had waited since the morning for word of relatives and friends.",
    "Emergency crews worked through the night under floodlights, watched by a silent crowd.",
    "The {agency} has faced criticism before over how it handles inspections in {region}.",
    "Officials in {capital} promised a full and independent review of what went wrong.",
    "Some families said they learned what had happened from social media, not from officials.",
    "Volunteers handed out tea and blankets to those waiting near the cordon.",
    "The mood in {town} was one of shock rather than anger, local reporters said.",
    "{company} said it was cooperating fully with investigators and would not comment further.",
    "Church bells rang across {town} as a mark of respect for those affected.",
    "Trade unions have long argued that safety rules in {region} are too loosely enforced.",
    "Businesses along the waterfront stayed shut, their owners unsure when they could reopen.",
    "The government in {capital} has come under growing pressure to explain its response.",
    "Neighbouring towns sent fire engines and ambulances to help the local services.",
    "Experts cautioned against drawing conclusions before the investigation is complete.",
    "Television crews from across {country} arrived in {town} during the afternoon.",
    "Schools opened their halls to people who could not return to their homes.",
    "The area is known for its fishing harbour, its old market and its steep, narrow streets.",
    "Several survivors were taken to hospitals in {town2} and later released.",
    "{official_title} {official_last} cut short a visit abroad and returned to {capital}.",
    "A hotline has been set up for relatives seeking information about the missing.",
    "Opposition parties said the disaster raised serious questions about oversight.",
    "Witnesses described scenes of confusion as police tried to keep the roads clear.",
    "Investigators were expected to examine maintenance records and interview staff.",
)
