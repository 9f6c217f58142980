"""Each extraction rule on short sentences it was not written from (real pipeline, model cached)."""

import pytest

from kg.extract import extract
from kg.ingest import article_from_text
from kg.nlp.pipeline import make_nlp


def facts_of(text: str, published: str = "2026-03-10") -> set[tuple[str, str, str, str, str]]:
    article = article_from_text(text, id="t", published=published)
    found = extract(make_nlp()(article.text), article)
    return {(r.subject.text, r.predicate, r.object.text, r.polarity, r.modality) for r in found.relations}


def rules_of(text: str) -> set[str]:
    article = article_from_text(text, id="t", published="2026-03-10")
    return {r.rule for r in extract(make_nlp()(article.text), article).relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # negation and exclusion
        ("Canada hosted the Arctic Minerals Forum in Ottawa. Russia was not invited to the Arctic Minerals Forum.",
         ("Russia", "invitedTo", "Arctic Minerals Forum", "negative", "asserted")),
        ("Norway hosted the Arctic Minerals Forum. Belarus was excluded from the forum.",
         ("Belarus", "invitedTo", "Arctic Minerals Forum", "negative", "asserted")),
        ("Chile declined to attend the Lithium Producers Summit.",
         ("Chile", "attends", "Lithium Producers Summit", "negative", "asserted")),
        # modality
        ("Kenya will attend the Africa Mining Week next month.",
         ("Kenya", "attends", "Africa Mining Week", "positive", "planned")),
        ("Ghana could join the Africa Mining Week.",
         ("Ghana", "attends", "Africa Mining Week", "positive", "hypothetical")),
        ("Peru proposed a partnership with Germany on copper refining.",
         ("Peru", "proposesPartnership", "Germany", "positive", "proposed")),
        # metonymy, demonyms, passive, coordination
        ("Beijing imposed export curbs on gallium last year.",
         ("Beijing", "restrictsExportOf", "gallium", "positive", "asserted")),
        ("Argentina was invited by Japan to the Pacific Minerals Dialogue.",
         ("Argentina", "invitedTo", "Pacific Minerals Dialogue", "positive", "asserted")),
        ("Foreign Minister Ana Ruiz and Trade Minister Ben Okafor met in Lagos on Monday.",
         ("Ana Ruiz", "metWith", "Ben Okafor", "positive", "asserted")),
        ("Indonesia, which produces most of the world's nickel, banned exports of nickel ore.",
         ("Indonesia", "produces", "nickel", "positive", "asserted")),
        ("Washington wants to reduce its dependence on China for graphite.",
         ("Washington", "seeksToReduceDependenceOn", "China", "positive", "asserted")),
        ("Saudi Arabia will invest $2 billion in Zambia.",
         ("Saudi Arabia", "investsIn", "Zambia", "positive", "planned")),
        ("Mongolia holds large reserves of copper.",
         ("Mongolia", "hasReserves", "copper", "positive", "asserted")),
    ],
)
def test_extract_relations_generalise(text, expected) -> None:
    found = facts_of(text)
    if expected[1] == "metWith":  # symmetric
        found |= {(o, p, s, pol, mod) for s, p, o, pol, mod in found}
    assert expected in found


def test_extract_position_title_and_possessive_country() -> None:
    found = facts_of("Brazil's Mines Minister Carla Souza visited Lima.")
    assert ("Carla Souza", "holdsPosition", "Brazil", "positive", "asserted") in found


def test_extract_position_appositive() -> None:
    found = facts_of("Robert Haines, the chairman of Andes Copper Corp, met Peru's president.")
    assert ("Robert Haines", "holdsPosition", "Andes Copper Corp", "positive", "asserted") in found


def test_extract_deal_parties_value_and_mineral() -> None:
    text = "Chile signed a $1.5 billion lithium supply deal with Korea Zinc on Monday."
    found = facts_of(text)
    deal = next(o for s, p, o, _pol, _mod in found if p == "partyTo")
    assert {s for s, p, o, _pol, _mod in found if p == "partyTo"} == {"Chile", "Korea Zinc"}
    assert ("$1.5 billion lithium supply deal with Korea Zinc", "concerns", "lithium", "positive", "asserted") in found
    assert deal.startswith("$1.5 billion")


def test_extract_deal_not_signed_is_negative() -> None:
    text = "Bolivia signed a $900 million lithium deal with Albemarle Corp. Peru did not sign the deal."
    found = facts_of(text)
    assert ("Peru", "partyTo", "$900 million lithium deal", "negative", "asserted") in found
    assert ("Albemarle Corp.", "partyTo", "$900 million lithium deal", "positive", "asserted") in found


def test_extract_event_host_and_place_rules() -> None:
    assert {"hosts.prefix.v1", "locatedIn.window.v1"} <= rules_of("Leaders met at the Japan Energy Summit in Osaka.")


def test_extract_org_with_country_name_is_not_the_country() -> None:
    found = facts_of("USA Rare Earth will invest $100 million in Canada.")
    assert ("USA Rare Earth", "investsIn", "Canada", "positive", "planned") in found
    assert not any(s == "USA" for s, *_ in found)


def test_extract_based_location() -> None:
    found = facts_of("The Perth-based Lynas Rare Earths Ltd expanded output.")
    assert ("Lynas Rare Earths Ltd", "locatedIn", "Perth", "positive", "asserted") in found


def test_extract_pronoun_and_reference_resolution() -> None:
    found = facts_of("Vietnam has huge rare earth deposits. It plans to host the Hanoi Minerals Forum. "
                     "Laos will attend the forum.")
    assert ("Laos", "attends", "Hanoi Minerals Forum", "positive", "planned") in found


@pytest.mark.parametrize("text", [
    "Chile and Peru signed a $2 billion lithium deal with Albemarle Corp on Monday. Bolivia, which is not a party to the deal, objected.",
    "Chile and Peru signed a $2 billion lithium deal with Albemarle Corp on Monday. Bolivia is not a party to the deal.",
])
def test_extract_not_a_party_is_negative(text) -> None:
    found = {(s, p, pol) for s, p, o, pol, _m in facts_of(text) if o.startswith("$2 billion lithium deal")}
    assert ("Bolivia", "partyTo", "negative") in found and ("Bolivia", "partyTo", "positive") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names after titles joined by a hyphen or a particle
        ("Angolan President Jean-Pierre Mbala met Trade Minister Lars Holm in Oslo.",
         ("Jean-Pierre Mbala", "metWith", "Lars Holm", "positive", "asserted")),
        ("Portuguese Prime Minister Maria da Costa Lopes opened the Lisbon Battery Week.",
         ("Maria da Costa Lopes", "holdsPosition", "Portuguese", "positive", "asserted")),
        # compound portfolios
        ("South African Mineral Resources Minister Thandi Nkosi visited Beijing.",
         ("Thandi Nkosi", "holdsPosition", "South African", "positive", "asserted")),
        ("Peruvian Mines and Energy Minister Ana Soto spoke in Lima.",
         ("Ana Soto", "holdsPosition", "Peruvian", "positive", "asserted")),
        # "its" before a national post is the country just talked about
        ("Chile wants a lithium exchange. Its mining minister, Rosa Fuentes, backed the plan.",
         ("Rosa Fuentes", "holdsPosition", "Chile", "positive", "asserted")),
        # the mineral inside the exported product
        ("Namibia banned exports of unprocessed lithium ore in June.",
         ("Namibia", "restrictsExportOf", "lithium", "positive", "asserted")),
        # producers: "dominates the refining of", "operates ... mines", "after X", "among the producers"
        ("Indonesia, which dominates the refining of nickel, courted Korean buyers.",
         ("Indonesia", "produces", "nickel", "positive", "asserted")),
        ("Glencore operates two cobalt mines in Katanga.",
         ("Glencore", "produces", "cobalt", "positive", "asserted")),
        ("Peru is the second-largest copper producer after Chile.",
         ("Chile", "produces", "copper", "positive", "asserted")),
        ("Gabon is among the world's largest manganese producers.",
         ("Gabon", "produces", "manganese", "positive", "asserted")),
        # "talks between X and Y"
        ("The accord followed talks between Prime Minister Anna Berg and President Samia Hassan.",
         ("Anna Berg", "metWith", "Samia Hassan", "positive", "asserted")),
        # a loan secured from a lender; a share bought in a company
        ("Kamoa Copper secured a $500 million loan from the African Development Bank.",
         ("African Development Bank", "investsIn", "Kamoa Copper", "positive", "asserted")),
        ("Glencore bought 20% of Lundin Mining last year.",
         ("Glencore", "investsIn", "Lundin Mining", "positive", "asserted")),
        # "ministers from X and Y"
        ("Ministers from Ghana and Togo will attend the West Africa Mining Forum.",
         ("Togo", "attends", "West Africa Mining Forum", "positive", "planned")),
        # a treaty named "Convention on ..." is a deal, not an event
        ("Washington never ratified the Convention on Biological Diversity.",
         ("Washington", "partyTo", "Convention on Biological Diversity", "negative", "asserted")),
        # a city glued to "-based" is a place even when the NER calls it an organisation
        ("The Kingston-based Caribbean Bauxite Institute published a report.",
         ("Caribbean Bauxite Institute", "locatedIn", "Kingston", "positive", "asserted")),
        # an offered package with a value is a proposed deal
        ("Canada has offered a $300 million rescue package to the smelter's owners.",
         ("Canada", "partyTo", "$300 million rescue package", "positive", "proposed")),
    ],
)
def test_extract_relations_generalise_fresh2_causes(text, expected) -> None:
    found = facts_of(text)
    if expected[1] == "metWith":  # symmetric
        found |= {(o, p, s, pol, mod) for s, p, o, pol, mod in found}
    assert expected in found, found


def test_extract_its_chief_executive_is_the_acting_company() -> None:
    found = facts_of("Andina Metals, a unit of Nexo Holdings, bought a stake in Cobre Sur Resources, and its chief "
                     "executive, Luis Vega, said more would follow.")
    assert any(s == "Luis Vega" and p == "holdsPosition" and o == "Andina Metals" for s, p, o, *_ in found), found


def test_extract_a_name_glued_to_a_place_word_is_a_place() -> None:
    doc = make_nlp()("Ministers met at Victoria Falls on Monday to discuss logging in the Congo Basin.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Victoria Falls") == "LOCATION" and labels.get("Congo Basin") == "LOCATION", labels


# Causes found on tests/fresh3 (each on a sentence written for the test).
def test_extract_a_negated_repeat_takes_the_expectation_back() -> None:
    found = facts_of("Zambia's state miner ZCCM had been expected to sign an offtake contract with Trafigura last "
                     "week but did not sign, officials said.")
    assert any(s == "ZCCM" and p == "partyTo" and pol == "negative" for s, p, o, pol, _ in found), found
    assert not any(s == "ZCCM" and p == "partyTo" and pol == "positive" for s, p, o, pol, _ in found), found


def test_extract_a_sentence_that_denies_a_fact_does_not_assert_it() -> None:
    found = facts_of("Peru signed a copper accord with Korea Zinc. Chile is not part of the copper accord.")
    assert ("Chile", "partyTo", "copper accord", "negative", "asserted") in {(s, p, o.replace("the ", ""), pol, m) for s, p, o, pol, m in found} \
        or any(s == "Chile" and pol == "negative" for s, _, _, pol, _ in found), found
    assert not any(s == "Chile" and p == "partyTo" and pol == "positive" for s, p, _, pol, _ in found), found


def test_extract_portfolio_joined_by_and_and_honorifics() -> None:
    found = facts_of("Kenya's Lands and Natural Resources Minister Amina Wekesa met Dr. Hamid Qureshi, "
                     "Pakistan's petroleum minister, in Nairobi.")
    assert ("Amina Wekesa", "holdsPosition", "Kenya", "positive", "asserted") in found, found
    assert any(p == "metWith" and "Hamid Qureshi" in (s, o) for s, p, o, *_ in found), found
    doc = make_nlp()("Mines Secretary Shri R. K. Menon opened the session. Later, Oil and Mines Minister Rosa Vidal spoke.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("R. K. Menon") == "PERSON" and labels.get("Oil and Mines Minister") == "TITLE", labels


def test_extract_mineral_glued_to_country_is_a_company_and_turkey_niger_are_countries() -> None:
    doc = make_nlp()("Cobalt Canada agreed to supply Niger and Turkey with equipment for the Sahel Mining Workshop.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Cobalt Canada") == "ORG", labels
    assert labels.get("Niger") == "COUNTRY" and labels.get("Turkey") == "COUNTRY", labels
    assert labels.get("Sahel Mining Workshop") == "EVENT", labels
    assert ("Bolivia", "hasReserves", "boron", "positive", "asserted") in facts_of("Bolivia holds vast reserves of boron.")


def test_extract_accounts_for_a_share_of_output_is_production() -> None:
    found = facts_of("Gabon, which accounts for nearly a fifth of global manganese production, raised royalties.")
    assert ("Gabon", "produces", "manganese", "positive", "asserted") in found, found
    assert not any(p == "produces" for _, p, *_ in facts_of("Kenya accounts for a tenth of the region's tea sales."))


def test_extract_left_off_the_guest_list_is_not_invited() -> None:
    found = facts_of("Peru will host the Andean Copper Summit in May. Venezuela was left off the guest list.")
    assert ("Venezuela", "invitedTo", "Andean Copper Summit", "negative", "asserted") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "has no plans to" denies; a pronoun subject of "X said it …" is X
        ("Chile has no plans to ban copper exports, the minister said.",
         ("Chile", "restrictsExportOf", "copper", "negative", "planned")),
        ("Austria banned exports of graphite in 2020. The Slovak government said it does not intend to ban nickel exports.",
         ("Slovak", "restrictsExportOf", "nickel", "negative", "planned")),
        ("Zimbabwe has barred exports of raw lithium since 2022.",
         ("Zimbabwe", "restrictsExportOf", "lithium", "positive", "asserted")),
        # a refusal noun denies the verb it governs; a named declaration is a deal
        ("Egypt's refusal to sign the Cairo Declaration on Mining was a blow to the hosts.",
         ("Egypt", "partyTo", "Cairo Declaration on Mining", "negative", "asserted")),
        ("Ministers of Norway, Denmark, Iceland, Sweden, Finland and Estonia met in Oslo. "
         "The six countries signed the Oslo Declaration on Seabed Minerals.",
         ("Norway", "partyTo", "Oslo Declaration on Seabed Minerals", "positive", "asserted")),
        # attendance said in other words
        ("Ghana hosted the West Africa Lithium Summit in Accra, drawing ministers from Togo, Benin and Liberia.",
         ("Liberia", "attends", "West Africa Lithium Summit", "positive", "asserted")),
        ("Ghana hosted the West Africa Lithium Summit in Accra. Morocco's delegation did not turn up.",
         ("Morocco", "attends", "West Africa Lithium Summit", "negative", "asserted")),
        ("Ghana hosted the West Africa Lithium Summit in Accra. Mauritania was represented by Mines Minister Ahmed Salem.",
         ("Mauritania", "attends", "West Africa Lithium Summit", "positive", "asserted")),
        ("Ghana hosted the West Africa Lithium Summit in Accra. Senegal was present as an observer.",
         ("Senegal", "attends", "West Africa Lithium Summit", "positive", "asserted")),
        ("Ghana hosted the West Africa Lithium Summit in Accra. The ministers of finance of Chad and Gabon attended the opening.",
         ("Gabon", "attends", "West Africa Lithium Summit", "positive", "asserted")),
        ("Ghana hosted the West Africa Lithium Summit in Accra. President John Mahama opened the summit.",
         ("John Mahama", "attends", "West Africa Lithium Summit", "positive", "asserted")),
        # invitations said in other words
        ("Peru will host the Andean Copper Forum in Cusco. Invitations have gone to Chile, Bolivia and Ecuador.",
         ("Bolivia", "invitedTo", "Andean Copper Forum", "positive", "asserted")),
        ("Peru will host the Andean Copper Forum in Cusco. Venezuela was excluded from the list.",
         ("Venezuela", "invitedTo", "Andean Copper Forum", "negative", "asserted")),
        # "Days" names a gathering
        ("Niger will host the Agadez Uranium Days next month.",
         ("Niger", "hosts", "Agadez Uranium Days", "positive", "planned")),
    ],
)
def test_extract_fresh4_general_causes(text, expected) -> None:
    assert expected in facts_of(text)


def test_extract_a_named_venue_is_a_place_not_an_event() -> None:
    article = article_from_text("Kenya hosted the Nairobi Minerals Forum at the Kenyatta International Conference Centre.",
                                id="t", published="2026-03-10")
    mentions = extract(make_nlp()(article.text), article).mentions
    types = {m.text: m.type for m in mentions}
    assert types.get("Kenyatta International Conference Centre") == "Location"
    assert types.get("Nairobi Minerals Forum") == "Event"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "called on" a person is a visit; "called on X to …" is a demand
        ("Hiroshi Sato arrived in Nairobi on Sunday. On Monday he called on President William Ruto and presented him "
         "with a bronze lantern.", ("Hiroshi Sato", "metWith", "William Ruto", "positive", "asserted")),
        # an object pronoun is the other person named in its own sentence
        ("Hiroshi Sato arrived in Nairobi on Sunday. On Monday he called on President William Ruto and presented him "
         "with a bronze lantern.", ("Hiroshi Sato", "presentedTo", "William Ruto", "positive", "asserted")),
        # the person after a title in apposition ("his counterpart, Deputy Minister … X")
        ("Foreign Minister Ines Carvalho met her Angolan counterpart, Deputy Minister of Mineral Resources Paulo Neto, "
         "in Luanda.", ("Ines Carvalho", "metWith", "Paulo Neto", "positive", "asserted")),
        # signatories sign for the country whose post they hold; a deal on a mineral concerns it
        ("Chilean Mining Minister Aurora Fuentes and Bolivian Energy Minister Raul Mendez signed an agreement on "
         "the construction of a lithium refinery.",
         ("Bolivian", "partyTo", "agreement on the construction of a lithium refinery", "positive", "asserted")),
        ("Chilean Mining Minister Aurora Fuentes and Bolivian Energy Minister Raul Mendez signed an agreement on "
         "the construction of a lithium refinery.",
         ("agreement on the construction of a lithium refinery", "concerns", "lithium", "positive", "asserted")),
    ],
)
def test_extract_fresh4_people_and_deals(text, expected) -> None:
    found = facts_of(text)
    if expected[1] == "metWith":
        found |= {(o, p, s, pol, mod) for s, p, o, pol, mod in found}
    assert expected in found


def test_extract_called_on_to_do_something_is_no_meeting() -> None:
    found = facts_of("Trade Minister Ana Costa called on Japan to lift its tariffs on copper.")
    assert not any(p == "metWith" for _s, p, _o, _pol, _mod in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lower-case syllable glued by a hyphen ends a given name
        ("Prime Minister Han Deok-soo met Vietnamese President Luong Cuong in Hanoi on Friday.",
         ("Han Deok-soo", "metWith", "Luong Cuong", "positive", "asserted")),
        # "Kenyan Mining Minister": the portfolio belongs to the title, the demonym gives the country
        ("Kenyan Mining Minister Hassan Joho met investors in Mombasa.",
         ("Hassan Joho", "holdsPosition", "Kenyan", "positive", "asserted")),
        # a parse that makes "talks" the root still has "held" as its verb
        ("President Park Ji-hoon held talks with Chilean President Gabriel Boric in Santiago on Monday.",
         ("Park Ji-hoon", "metWith", "Gabriel Boric", "positive", "asserted")),
        # the countries inside "projects in X and Y" and "a stake in a project in X"
        ("Korea Zinc has invested in copper projects in Peru and Chile since 2015.",
         ("Korea Zinc", "investsIn", "Peru", "positive", "asserted")),
    ],
)
def test_extract_fresh4_names_titles_and_targets(text, expected) -> None:
    found = facts_of(text)
    if expected[1] == "metWith":
        found |= {(o, p, s, pol, mod) for s, p, o, pol, mod in found}
    assert expected in found


def test_extract_one_asset_in_a_country_is_not_an_investment_in_the_country() -> None:
    found = facts_of("The Zambezi Fund will invest $90m in a nickel mine in northern Zambia.")
    assert not any(p == "investsIn" and o == "Zambia" for _s, p, o, _pol, _mod in found)


def test_extract_a_country_claimed_by_one_title_is_not_the_next_ones() -> None:
    found = facts_of("The Kenyan Energy Minister Opiyo Wandayi held talks with Industry Minister Lee Sung-min in Nairobi. "
                     "Britain's Business and Trade Secretary, Peter Kyle, met Ruto.")
    assert ("Lee Sung-min", "holdsPosition", "Kenyan", "positive", "asserted") not in found
    assert ("Peter Kyle", "holdsPosition", "Britain", "positive", "asserted") in found


def test_extract_events_named_by_two_places_invitations_and_other_gatherings() -> None:
    found = facts_of("Brazil will hold the Brazil-Africa Mining Dialogue in Recife in May and invited Angola to attend. "
                     "The Angolan minister attended a trade forum organised by the Brazilian Mining Institute.")
    assert ("Brazil", "hosts", "Brazil-Africa Mining Dialogue", "positive", "planned") in found
    assert ("Angola", "invitedTo", "Brazil-Africa Mining Dialogue", "positive", "asserted") in found
    assert not any(p == "attends" and s == "Angola" for s, p, _o, _pol, _mod in found)
    assert not any(p == "hosts" and s == "Brazilian Mining Institute" for s, p, _o, _pol, _mod in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Madagascar wants more buyers for its graphite. Officials put the island's known graphite reserves at "
         "about 2 million tonnes.", ("Madagascar", "hasReserves", "graphite", "positive", "asserted")),
        ("Zambia ranks among the world's ten biggest copper producers.",
         ("Zambia", "produces", "copper", "positive", "asserted")),
    ],
)
def test_extract_fresh4_references_and_rankings(text, expected) -> None:
    assert expected in facts_of(text)


def test_extract_an_event_in_a_later_clause_of_its_own_is_not_the_invitation() -> None:
    found = facts_of("Canada will host the Arctic Critical Minerals Ministerial in Iqaluit in June. Russia has not been "
                     "invited, officials said, but its envoy is expected to attend the Nordic Mining Forum in Oslo.")
    assert ("Russia", "invitedTo", "Arctic Critical Minerals Ministerial", "negative", "asserted") in found
    assert not any(p == "invitedTo" and o == "Nordic Mining Forum" for _s, p, o, _pol, _mod in found)


def test_extract_a_bare_title_with_no_focus_and_no_dateline_takes_the_country_acting_just_before() -> None:
    text = ("Chile sent its ministers to Peru's summit in Cusco, where Peru's miners gathered. Peru hosted the Andean "
            "Copper Summit. President Dina Marquez opened the meeting.")
    assert ("Dina Marquez", "holdsPosition", "Peru", "positive", "asserted") in facts_of(text)
    assert "position.title.near_subject.v1" in rules_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany's ambassador to Chile, Anke Vogel, said Berlin would send a team.",
         ("Anke Vogel", "holdsPosition", "Germany", "positive", "asserted")),
        ("Brazil refused to sign. Its energy undersecretary, Paulo Lemos, told the plenary.",
         ("Paulo Lemos", "holdsPosition", "Brazil", "positive", "asserted")),
        ("Nepal's Finance Adviser, Ram Thapa, will lead the delegation.",
         ("Ram Thapa", "holdsPosition", "Nepal", "positive", "asserted")),
    ],
)
def test_extract_fresh4_more_titles(text, expected) -> None:
    assert expected in facts_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hanoi tightened licensing for rare earths in May.", ("Hanoi", "restrictsExportOf", "rare earths", "positive", "asserted")),
        ("Zambia imposed quotas on manganese last year.", ("Zambia", "restrictsExportOf", "manganese", "positive", "asserted")),
    ],
)
def test_extract_fresh4_licences_and_quotas(text, expected) -> None:
    assert expected in facts_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya will host the Nairobi Lithium Forum in June. Uganda has confirmed its participation.",
         ("Uganda", "attends", "Nairobi Lithium Forum", "positive", "asserted")),
        ("Defence Minister Richard Marles will attend the AUKUS submarine industry forum in Perth on Monday.",
         ("Richard Marles", "attends", "AUKUS submarine industry forum", "positive", "planned")),
        ("Ghana hosted the Accra Gold Summit. Côte d'Ivoire was invited but did not attend.",
         ("Côte d'Ivoire", "invitedTo", "Accra Gold Summit", "positive", "asserted")),
    ],
)
def test_extract_fresh4_participation_acronym_events_and_official_names(text, expected) -> None:
    assert expected in facts_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya hosted the talks and Ethiopia was not invited. In Addis Ababa, foreign ministry spokesperson "
         "Meles Tadesse said the snub was expected.", ("Meles Tadesse", "holdsPosition", "Ethiopia", "positive", "asserted")),
        ("The statement criticised Indonesia's export licensing regime for tin and bauxite.",
         ("Indonesia", "restrictsExportOf", "tin", "positive", "asserted")),
        ("China restricted gallium exports. Deputy Secretary of Energy Mark Holt said the US would respond.",
         ("Mark Holt", "holdsPosition", "US", "positive", "asserted")),
    ],
)
def test_extract_fresh4_capitals_regimes_and_us_titles(text, expected) -> None:
    assert expected in facts_of(text)


def test_extract_honorific_after_a_titled_apposition_and_attending_alongside() -> None:
    found = facts_of("Chad hosted the N'Djamena Oil Forum. The energy ministers of Cameroon and Niger attended the "
                     "opening alongside their Chadian counterpart, Mr. Idriss Saleh.")
    assert ("Idriss Saleh", "holdsPosition", "Chadian", "positive", "asserted") in found
    assert ("Idriss Saleh", "attends", "N'Djamena Oil Forum", "positive", "asserted") in found


def test_extract_leaving_before_a_signing_is_no_withdrawal() -> None:
    text = ("Norway and Iceland signed the Reykjavik Seabed Accord. The Danish minister, Lars Holm, attended the "
            "talks but left before the signing. Greenland withdrew from the Reykjavik Seabed Accord.")
    found = facts_of(text)
    assert not any(s == "Lars Holm" and p == "partyTo" for s, p, _o, _pol, _mod in found)
    assert ("Greenland", "partyTo", "Reykjavik Seabed Accord", "negative", "asserted") in found


def mentions_of(text: str) -> set[tuple[str, str]]:
    article = article_from_text(text, id="t", published="2026-03-10")
    return {(m.text, m.type) for m in extract(make_nlp()(article.text), article).mentions}


def entities_of(text: str) -> list[tuple[str, str]]:
    from kg.resolve import resolve

    article = article_from_text(text, id="t", published="2026-03-10")
    entities, _facts = resolve([(article, extract(make_nlp()(article.text), article))])
    return [(e.label, e.type) for e in entities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Guinea is a country (the Gulf of Guinea is not)
        ("Guinea banned exports of raw bauxite in May.", ("Guinea", "restrictsExportOf", "bauxite", "positive", "asserted")),
        # a portfolio list after the title, up to the holder's name
        ("Oman's Minister of Trade, Industry and Energy, Said al-Harthy, arrived on Sunday.",
         ("Said al-Harthy", "holdsPosition", "Oman", "positive", "asserted")),
        ("Zambia's Vice Minister for Mining Affairs, Peter Banda, spoke in Lusaka.",
         ("Peter Banda", "holdsPosition", "Zambia", "positive", "asserted")),
        ("Kenya's Energy Cabinet Secretary Joseph Otieno visited Kisumu.",
         ("Joseph Otieno", "holdsPosition", "Kenya", "positive", "asserted")),
        # "Title of Country Name"
        ("Minister of Mines and Energy of Brazil Carlos Prado met Chilean officials.",
         ("Carlos Prado", "holdsPosition", "Brazil", "positive", "asserted")),
        ("Kenyan President William Ruto met with Minister of Foreign Affairs of Japan Kenji Ota in Nairobi.",
         ("William Ruto", "metWith", "Kenji Ota", "positive", "asserted")),
        # "was received by"
        ("Minister Daniyar Sadyk was received by President Ilham Aliyev on Tuesday.",
         ("Daniyar Sadyk", "metWith", "Ilham Aliyev", "positive", "asserted")),
        # company names ending in Sands / Trading, and "between X Authority and Y <Country>"
        ("Coastal Mineral Sands signed a $30 million agreement with Delta Titanium Trading.",
         ("Coastal Mineral Sands", "partyTo", "$30 million agreement with Delta Titanium Trading", "positive", "asserted")),
        ("A $12 million agreement between the National Geology Authority and Minerals Exploration Peru was signed on Monday.",
         ("Minerals Exploration Peru", "partyTo", "$12 million agreement", "positive", "asserted")),
        # a signed loan is a deal
        ("The World Bank signed a $75 million loan with Andes Copper Holdings.",
         ("World Bank", "partyTo", "$75 million loan with Andes Copper Holdings", "positive", "asserted")),
        # "More on X: the company, which …"
        ("Export Finance Norway will lend to the project. More on Boliden: the Swedish company, which mines zinc, is expanding.",
         ("Boliden", "produces", "zinc", "positive", "asserted")),
        # an event's untyped place, also in a relative clause
        ("Officials discussed the Andean Lithium Summit, which will be held in Uyuni next year.",
         ("Andean Lithium Summit", "locatedIn", "Uyuni", "positive", "asserted")),
        # "the forum will focus on …"
        ("Peru will host the Andean Copper Forum in Cusco. The forum will focus on copper and molybdenum.",
         ("Andean Copper Forum", "concerns", "molybdenum", "positive", "planned")),
        # "the republic" refers back to a country
        ("Kazakhstan signed the accord. The republic holds large reserves of tungsten.",
         ("Kazakhstan", "hasReserves", "tungsten", "positive", "asserted")),
        # what an export ban leaves out, or also covers
        ("Zimbabwe banned exports of raw lithium ore in 2022. The ban does not apply to gold.",
         ("Zimbabwe", "restrictsExportOf", "gold", "negative", "asserted")),
        ("Zimbabwe banned exports of raw lithium ore in 2022. The ban also covers tantalum.",
         ("Zimbabwe", "restrictsExportOf", "tantalum", "positive", "asserted")),
    ],
)
def test_extract_fresh5_general_causes(text, expected) -> None:
    found = facts_of(text)
    if expected[1] == "metWith":  # symmetric
        found |= {(o, p, s, pol, mod) for s, p, o, pol, mod in found}
    assert expected in found


def test_extract_fresh5_places_minerals_and_names() -> None:
    found = mentions_of("Guinea said tankers had crossed the Gulf of Guinea. Sierra Leone exports rutile and zircon, "
                        "and Mozambique mines ilmenite.")
    assert {("Guinea", "Country"), ("Gulf of Guinea", "Location"), ("rutile", "Mineral"), ("zircon", "Mineral"),
            ("ilmenite", "Mineral")} <= found
    found = mentions_of("Teck operates a zinc mine in Trail. The company will build a smelter near the port of Walvis. "
                        "It also runs operations in the Tete region.")
    assert {("Trail", "Location"), ("Walvis", "Location"), ("Tete", "Location")} <= found
    assert ("Al Noor", "Person") not in mentions_of(
        "Al Noor, the state holding company, signed the deal. Al Noor remains a minority partner.")


def test_extract_fresh5_negated_any_deal_and_unsigned_loans_name_no_deal() -> None:
    found = facts_of("Alpha Mining signed a $5 million agreement with Beta Resources in May. "
                     "Beta Resources has not signed any offtake agreement since then.")
    assert not {f for f in found if f[1] == "partyTo" and f[3] == "negative"}
    assert not {f for f in facts_of("The bank approved a $20 million loan to the province.") if f[1] == "partyTo"}


def test_resolve_fresh5_initials_particles_and_short_company_names() -> None:
    from kg.records import Mention
    from kg.resolve import _org_keys, _person_keys

    def person(text: str) -> tuple[str, Mention]:
        return "d", Mention(start=0, end=len(text), text=text, type="Person")

    keys = _person_keys([person("Almaz Tokoev"), person("A. Tokoev"), person("Hamad al-Rashidi"), person("Rashidi")])
    assert keys[0] == keys[1] and keys[2] == keys[3]
    entities = entities_of("Lusitania Mineracao will build a lithium plant. Lusitania expects first output in 2028.")
    assert [e for e in entities if e[1] == "Organization"] == [("Lusitania Mineracao", "Organization")]
    org = [("d", Mention(start=0, end=10, text=t, type="Organization")) for t in ("Pwani Sands Group", "Pwani")]
    assert len(set(_org_keys(org).values())) == 1


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a partnership someone proposed to establish is a proposal, not a deal
        ("The Chilean side proposed creating a partnership with Australia on lithium refining.",
         ("Chilean", "proposesPartnership", "Australia", "positive", "proposed"), "partyTo"),
        # "between X and Y" names both parties, however the parser hangs them
        ("The two ministers witnessed the signing of a $15 million agreement between the National Mining Corporation "
         "and Andes Cobalt Peru to explore for cobalt near Ica.",
         ("National Mining Corporation", "partyTo", "$15 million agreement", "positive", "asserted"), "restrictsExportOf"),
        # the purpose of a signing says what the deal is about; a possessor country is no party
        ("Rio Alto Mining signed a $40 million loan with the Nordic Investment Bank to expand a tungsten mine.",
         ("$40 million loan with the Nordic Investment Bank", "concerns", "tungsten", "positive", "asserted"), "metWith"),
    ],
)
def test_extract_fresh5_proposals_parties_and_purposes(text, expected, absent) -> None:
    found = facts_of(text)
    assert expected in found
    assert not {f for f in found if f[1] == absent}


def test_extract_fresh5_a_possessor_country_inside_between_is_no_party() -> None:
    found = facts_of("Serra Azul signed an offtake agreement in May between its unit and Norway's Boliden.")
    assert not {f for f in found if f[1] == "partyTo" and f[0] == "Norway"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Georgia", "Chad", "Jordan" are countries beside their capital or in a list of countries
        ("Georgia will ban exports of manganese ore, the government in Tbilisi said.",
         ("Georgia", "restrictsExportOf", "manganese", "positive", "planned")),
        ("Niger, Chad and Sudan have been invited to the Sahel Gold Forum.",
         ("Chad", "invitedTo", "Sahel Gold Forum", "positive", "asserted")),
        # minerals of the gazetteer: chromite (the ore) apart from chromium, rhenium, lead beside another metal
        ("Kazakhstan holds large reserves of chromite.",
         ("Kazakhstan", "hasReserves", "chromite", "positive", "asserted")),
        ("Chile holds large reserves of rhenium.",
         ("Chile", "hasReserves", "rhenium", "positive", "asserted")),
        ("Peru holds large reserves of silver and lead.",
         ("Peru", "hasReserves", "lead", "positive", "asserted")),
        # "held a meeting with" where the parser hangs "with" on the verb
        ("Trade Minister Ana Costa held a meeting with the Minister of Mines of Zambia Paul Banda in Lusaka.",
         ("Ana Costa", "metWith", "Paul Banda", "positive", "asserted")),
        # a given name the NER left out of the person does not lengthen the title
        ("Minister of Water and Energy Besnik Lleshi said on Monday that Albania would cap cobalt exports. "
         "Oskar Berg met Lleshi in Durres.",
         ("Oskar Berg", "metWith", "Lleshi", "positive", "asserted")),
        # "Minister of State for X Name"
        ("Minister of State for Trade Liam Byrne said Ireland holds large reserves of zinc.",
         ("Liam Byrne", "holdsPosition", "Ireland", "positive", "asserted")),
        # "Prime Minister of <Country> <Name>": the country is the post's
        ("The delegation was received by the Prime Minister of the Republic of Moldova Ion Rusu.",
         ("Ion Rusu", "holdsPosition", "Republic of Moldova", "positive", "asserted")),
        # a speaker's "not send a speaker" is no attendance
        ("Namibia will host the Kalahari Minerals Conference in Windhoek. Rio Tinto said it would not send a "
         "speaker.",
         ("Rio Tinto", "attends", "Kalahari Minerals Conference", "negative", "planned")),
        # "X's minister confirmed he would attend": X, not the last person named
        ("Kenya will host the Rift Minerals Summit. Minister Jane Otieno said Uganda's energy minister had "
         "confirmed he would attend.",
         ("Uganda", "attends", "Rift Minerals Summit", "positive", "planned")),
        # "the EU-Africa raw materials dialogue" is a named gathering
        ("Morocco was not invited to the EU-Africa raw materials dialogue.",
         ("Morocco", "invitedTo", "EU-Africa raw materials dialogue", "negative", "asserted")),
        # "said Name, Chairman and Chief Executive Officer of ORG"
        ("\"Demand is strong,\" said Lars Holm, Chairman and Chief Executive Officer of Boliden.",
         ("Lars Holm", "holdsPosition", "Boliden", "positive", "asserted")),
    ],
)
def test_extract_fresh6_names_titles_and_minerals(text, expected) -> None:
    found = facts_of(text)
    if expected[1] == "metWith":  # symmetric
        found |= {(o, p, s, pol, mod) for s, p, o, pol, mod in found}
    assert expected in found


def test_extract_fresh6_press_release_dateline_is_no_party() -> None:
    text = ("NORDA and Umicore sign supply agreement\n\nOslo, 4 May 2026 - NORDA Minerals ASA today announced that "
            "it has signed a EUR 80 million agreement with Umicore to supply nickel. NORDA will attend the Oslo "
            "Battery Forum in June.")
    found = facts_of(text)
    parties = {f[0] for f in found if f[1] == "partyTo"}
    assert "Oslo" not in parties and any(p.startswith("NORDA Minerals") for p in parties)
    assert ("NORDA", "attends", "Oslo Battery Forum", "positive", "planned") in found


def test_extract_fresh6_venue_after_a_gathering_and_a_surname_with_a_particle() -> None:
    found = facts_of("The Midlands Mining Society will host its annual conference in Tullamore on 3 June.")
    assert ("its annual conference", "locatedIn", "Tullamore", "positive", "planned") in found
    found = facts_of("Belgium's Finance Minister Pieter De Smet led a delegation to Amman. De Smet also met Prime "
                     "Minister Omar Haddad.")
    assert {f for f in found if f[1] == "metWith" and "De Smet" in (f[0], f[2])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "cap exports of" is an export restriction
        ("Mongolia will cap exports of fluorspar from next year.",
         ("Mongolia", "restrictsExportOf", "fluorspar", "positive", "planned")),
        # a portfolio list with "Industries", "Financial", "New Technologies" before the name
        ("Zambia's Minister of Commerce and New Technologies Mwila Banda toured the plant.",
         ("Mwila Banda", "holdsPosition", "Zambia", "positive", "asserted")),
        ("Kenya's Minister for Trade, Industries and Financial Services Ruth Wanjiku spoke on Friday.",
         ("Ruth Wanjiku", "holdsPosition", "Kenya", "positive", "asserted")),
        # a company's sum for a facility named by no country goes into the country the text is about
        ("Peru is raising its copper output. Peru exported more ore. Andes Copper Corp intends to invest "
         "$60 million in a new smelter, the company said.",
         ("Andes Copper Corp", "investsIn", "Peru", "positive", "planned")),
    ],
)
def test_extract_fresh7_caps_portfolio_lists_and_home_investments(text, expected) -> None:
    assert expected in facts_of(text)


def test_extract_fresh7_a_facility_in_a_named_country_is_left_to_the_other_rules() -> None:
    found = facts_of("Peru is raising its copper output. Andes Copper Corp will invest $60 million in a new "
                     "smelter in Chile.")
    assert not {f for f in found if f[1] == "investsIn" and f[2] == "Peru"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "PNG" is Papua New Guinea; a portfolio run before ", Name" is the whole title
        ("PNG's Minister for Oil and Mineral Resources, Kila Haoda, spoke in Lae.",
         ("Kila Haoda", "holdsPosition", "PNG", "positive", "asserted")),
        # a title word that is also a surname ends a person's name
        ("Japan's trade minister met Canada's Minister of Natural Resources, Jonathan King, in Ottawa.",
         ("Jonathan King", "holdsPosition", "Canada", "positive", "asserted")),
        # "Title of <place> Given Surname and …": the two names before "and"
        ("Governor of Katanga Province Jacques Kyabula and Glencore chief executive Gary Nagle toured the mine.",
         ("Gary Nagle", "holdsPosition", "Glencore", "positive", "asserted")),
        # "the Minister of X of <Country>, Name"
        ("Lima received the Minister of Mines and Energy of Brazil, Alexandre Silveira, on Friday.",
         ("Alexandre Silveira", "holdsPosition", "Brazil", "positive", "asserted")),
        # a given name the NER left out after a comma
        ("The Minerals Income Investment Fund chief executive, Justina Nelson-Amoako, signed the loan.",
         ("Justina Nelson-Amoako", "holdsPosition", "Minerals Income Investment Fund", "positive", "asserted")),
        # a list the parser hangs as an apposition
        ("Samoa, Cook Islands, Kiribati and Tuvalu have all been invited to the Suva Ocean Minerals Forum.",
         ("Kiribati", "invitedTo", "Suva Ocean Minerals Forum", "positive", "asserted")),
        # "will no longer allow / would not allow the export of" is a restriction
        ("Zimbabwe will no longer allow the export of raw chromite ore from January.",
         ("Zimbabwe", "restrictsExportOf", "chromite ore", "positive", "planned")),
        # "no longer" denies
        ("Chile will no longer attend the Andean Copper Week.",
         ("Chile", "attends", "Andean Copper Week", "negative", "planned")),
        # "the participation of X in <event>"
        ("The minister confirmed the participation of Peru in the Santiago Lithium Forum.",
         ("Peru", "attends", "Santiago Lithium Forum", "positive", "asserted")),
        # translation-English "counts with reserves"; "ranks among the holders of reserves"
        ("Colombia counts with important reserves of nickel.",
         ("Colombia", "hasReserves", "nickel", "positive", "asserted")),
        ("Kazakhstan ranks among the world's largest holders of chromium reserves.",
         ("Kazakhstan", "hasReserves", "chromium", "positive", "asserted")),
        # a company in apposition to "the country's largest X producer"
        ("Chile's output rose. Codelco, the country's largest copper producer, also mines molybdenum.",
         ("Codelco", "produces", "copper", "positive", "asserted")),
        # what "its deposit" holds, what "the mine, owned by X" produced, the owner has and makes
        ("Vale says its largest deposit holds about 30 million tonnes of nickel ore.",
         ("Vale", "hasReserves", "nickel", "positive", "asserted")),
        ("The Kamoto mine in Kolwezi, owned by Glencore, produced 40,000 tonnes of cobalt last year.",
         ("Glencore", "produces", "cobalt", "positive", "asserted")),
        # a passive the parser left without a subject after a relative clause
        ("Peru will host the Andes Mining Summit. Venezuela, whose eastern Bolivar state holds large gold deposits, "
         "has not been invited, officials said.",
         ("Venezuela", "invitedTo", "Andes Mining Summit", "negative", "asserted")),
        # a delegation "to <the host city>" goes to the gathering there
        ("Kenya will host the Nairobi Battery Metals Week in May. Uganda's energy minister will lead a delegation "
         "to Nairobi.",
         ("Uganda", "attends", "Nairobi Battery Metals Week", "positive", "planned")),
        # an organisation's title with no organisation before it: the organisation the text is about
        ("Codelco produced 1.3 million tonnes of copper. Chief executive Ruben Alvarado said output would rise.",
         ("Ruben Alvarado", "holdsPosition", "Codelco", "positive", "asserted")),
        # "The suspension will not cover X": the measure's scope
        ("Myanmar will suspend exports of tin ore from March. The suspension will not cover tungsten.",
         ("Myanmar", "restrictsExportOf", "tungsten", "negative", "planned")),
    ],
)
def test_extract_fresh8_titles_lists_scopes_and_owners(text, expected) -> None:
    assert expected in facts_of(text)


def test_extract_fresh8_names_forms_and_places() -> None:
    # a legal form ends a company's name, and the name alone is the company; "Holding" is an organisation
    found = facts_of("Serbia signed a €90 million contract with Swiss-based Lumera AG. Lumera chief executive Anna "
                     "Weber said Lumera had not been invited to the Sofia Metals Forum.")
    assert ("Lumera AG", "partyTo", "€90 million contract with Swiss-based Lumera AG", "positive", "asserted") in found
    assert ("Anna Weber", "holdsPosition", "Lumera", "positive", "asserted") in found
    assert ("Lumera", "invitedTo", "Sofia Metals Forum", "negative", "asserted") in found
    # an acronym in brackets the NER glued to the name
    article = article_from_text("Ghana signed a deal with Gulf Minerals Holding (GMH) on Monday.", id="t",
                                published="2026-03-10")
    names = {e.text for e in make_nlp()(article.text).ents}
    assert "Gulf Minerals Holding" in names and not any("(" in n for n in names)
    # a capital's name after another place name is another place, not the capital's country
    doc = make_nlp()("The plant will be built in Metro Manila by 2028.")
    assert ("Metro Manila", "LOCATION") in {(e.text, e.label_) for e in doc.ents}
    # "Island" is no alias of Iceland
    assert not {e for e in make_nlp()("Rennell Island has bauxite.").ents if e.label_ == "COUNTRY"}


def test_extract_fresh8_questions_resolves_and_aides_state_nothing() -> None:
    found = facts_of("Kenya will host the Rift Minerals Summit. Tanzania has not yet confirmed whether it will "
                     "attend.")
    assert not {f for f in found if f[0] == "Tanzania" and f[1] == "attends"}
    found = facts_of("Modi met Albanese in Delhi. The two leaders agreed to raise bilateral trade to $50 billion.")
    assert not {f for f in found if f[1] == "partyTo"}
    found = facts_of("Ghana's mines minister spoke on Monday, according to a statement by his spokesman, Kofi Mensah.")
    assert not {f for f in found if f[0] == "Kofi Mensah" and f[1] == "holdsPosition"}


def test_extract_fresh8_home_investment_in_a_capitals_province_and_amounts() -> None:
    # "a smelter in Ulaanbaatar province": the capital's country
    article = article_from_text("Korea Zinc plans to invest $70 million in a smelter in Ulaanbaatar province.",
                                id="t", published="2026-03-10")
    found = extract(make_nlp()(article.text), article).relations
    assert {(r.subject.text, r.object.key, r.modality) for r in found if r.predicate == "investsIn"} == {
        ("Korea Zinc", "country:MN", "planned")}
    from kg.amounts import parse_amount

    assert parse_amount("45 billion yen").currency == "JPY"
    assert parse_amount("SEK 12 billion").amount == 12_000_000_000


def test_extract_fresh8_share_of_supply_and_a_named_companys_fields() -> None:
    # "accounts for 40% of global supply" with no mineral in the phrase: the one of the sentence before
    found = facts_of("Guinea shipped 120 million tonnes of bauxite last year. Its state miner SOGUIPAMI accounts "
                     "for a tenth of national supply.")
    assert ("SOGUIPAMI", "produces", "bauxite", "positive", "asserted") in found
    # "Mali's Sogemork plans to invest $80 million in new fields": the country it is named with
    found = facts_of("Ghana produced more gold. Mali's Sogemork plans to invest $80 million in new fields by 2029.")
    assert ("Sogemork", "investsIn", "Mali", "positive", "planned") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list the parser hangs as two appositions of its first name
        ("The minister told state radio that Samoa, Marshall Islands, Nauru and Palau have been invited to the "
         "Apia Seabed Forum.",
         ("Marshall Islands", "invitedTo", "Apia Seabed Forum", "positive", "asserted")),
        # "will host ministers from the region in <city>": the gathering named in the next sentence, and its place
        ("Fiji will host energy ministers from across the region in Suva in June. The Blue Pacific Energy Summit "
         "will focus on solar power.",
         ("Fiji", "hosts", "Blue Pacific Energy Summit", "positive", "planned")),
        ("Fiji will host energy ministers from across the region in Suva in June. The Blue Pacific Energy Summit "
         "will focus on solar power.",
         ("Blue Pacific Energy Summit", "locatedIn", "Suva", "positive", "planned")),
        # "the Government of the President X … it": the government's country, not the president
        ("Peru signed an accord with Japan. The Government of the President Jose Jeri stated that it will not "
         "impose restrictions on the export of zinc concentrate.",
         ("Peru", "restrictsExportOf", "zinc", "negative", "planned")),
    ],
)
def test_extract_fresh8_lists_gatherings_and_governments(text, expected) -> None:
    assert expected in facts_of(text)


def test_extract_fresh8_received_a_minister_and_no_place_from_a_persons_name() -> None:
    found = facts_of("Minister of Mines Dan Kazungu received Chile's Minister of Mining, Aurora Williams, in Nairobi on "
                     "Monday.")
    assert {f for f in found if f[1] == "metWith"} == {
        ("Dan Kazungu", "metWith", "Aurora Williams", "positive", "asserted")}
    doc = make_nlp()("Brazil's trade secretary Ricardo Lima said exports would rise.")
    assert "Ricardo Lima" not in {e.text for e in doc.ents if e.label_ == "LOCATION"}


def test_extract_fresh8_a_stated_post_is_not_guessed_again_for_the_focal_country() -> None:
    found = facts_of("Peru will host the Lima Copper Week. Peru's Minister of Energy and Mines, Jorge Montero, received "
                     "the Minister of Trade of Australia, Don Farrell, in Lima. The Minister Farrell confirmed that "
                     "Australia will attend.")
    posts = {(s, o) for s, p, o, _pol, _mod in found if p == "holdsPosition"}
    assert ("Don Farrell", "Australia") in posts
    assert not {(s, o) for s, o in posts if s.endswith("Farrell") and o == "Peru"}


def test_extract_fresh8_a_sum_the_model_does_not_call_money_still_makes_a_home_investment() -> None:
    found = facts_of("Sweden exported more iron ore last year. Boliden plans to invest SEK 5 billion in a new smelter.")
    assert ("Boliden", "investsIn", "Sweden", "positive", "planned") in found


def test_extract_fresh8_ministers_convened_are_no_earlier_gathering() -> None:
    found = facts_of("Kenya will host the Nairobi Cobalt Summit in June. Separately, when the East African Community "
                     "convened its energy ministers in Arusha in March, Uganda stayed away.")
    assert not {f for f in found if f[1] == "hosts" and f[0] != "Kenya"}


# --- fresh9 (tests/fresh9, blind) ----------------------------------------------------------------

def test_extract_fresh9_received_no_invitation_is_a_denial() -> None:
    found = facts_of("Ghana will host the West African Gold Forum in Accra in March. Officials in Lomé confirmed that "
                     "Togo had received no invitation. Benin received an invitation last week.")
    assert ("Togo", "invitedTo", "West African Gold Forum", "negative", "asserted") in found
    assert ("Togo", "invitedTo", "West African Gold Forum", "positive", "asserted") not in found
    assert ("Benin", "invitedTo", "West African Gold Forum", "positive", "asserted") in found


def test_extract_fresh9_a_denied_invitation_does_not_reach_the_hosting_of_the_event() -> None:
    found = facts_of("Namibia has not been invited to the Southern Lithium Forum that Zimbabwe is hosting in Harare "
                     "next month.", published="2026-03-10")
    assert ("Namibia", "invitedTo", "Southern Lithium Forum", "negative", "asserted") in found
    assert ("Zimbabwe", "hosts", "Southern Lithium Forum", "positive", "planned") in found
    assert not {f for f in found if f[1] == "hosts" and f[3] == "negative"}


def test_extract_fresh9_the_maker_of_an_offer_nobody_signed_is_no_party_either_way() -> None:
    found = facts_of("Kenya did not sign the $40 million cobalt processing agreement that the World Bank proposed in "
                     "March.")
    assert ("Kenya", "partyTo", "$40 million cobalt processing agreement", "negative", "asserted") in found
    assert not {f for f in found if f[0] == "World Bank"}
    found = facts_of("Zambia signed the $40 million cobalt processing agreement that the World Bank proposed in March.")
    assert ("World Bank", "partyTo", "$40 million cobalt processing agreement", "positive", "proposed") in found


def test_extract_fresh9_their_participation_is_the_subjects_and_a_later_event_is_planned() -> None:
    found = facts_of("Ghana will host the West African Gold Forum in Accra on 14-15 May, the ministry said. Its "
                     "spokesman said that delegations from Togo and Benin had confirmed their participation.")
    assert ("Togo", "attends", "West African Gold Forum", "positive", "planned") in found
    assert ("Benin", "attends", "West African Gold Forum", "positive", "planned") in found
    assert not {f for f in found if f[1] == "attends" and f[0] not in {"Togo", "Benin"}}


def test_dates_a_span_of_days_starts_on_its_first_day() -> None:
    from kg.dates import resolve_date

    assert resolve_date("on May 14-15", "2026-03-10").value == "2026-05-14"
    assert resolve_date("14 to 15 May 2027", "2026-03-10").value == "2027-05-14"
    assert resolve_date("2026-03-04", "2026-03-10").value == "2026-03-04"


def test_extract_fresh9_co_host_is_hosting_by_each() -> None:
    found = facts_of("Ghana and Canada will co-host the Accra Gold Dialogue in October. The Andes Copper Forum, "
                     "co-organised by Chile and Peru, opened in Lima on Monday.")
    assert ("Ghana", "hosts", "Accra Gold Dialogue", "positive", "planned") in found
    assert ("Canada", "hosts", "Accra Gold Dialogue", "positive", "planned") in found
    assert {("Chile", "hosts", "Andes Copper Forum"), ("Peru", "hosts", "Andes Copper Forum")} <= {f[:3] for f in found}


def test_extract_fresh9_who_acts_at_an_event_attends_it() -> None:
    found = facts_of("Peru was not invited to the Andean Lithium Summit hosted by Chile in March, at which Bolivia and "
                     "Argentina signed a joint declaration on brine.")
    assert ("Bolivia", "attends", "Andean Lithium Summit", "positive", "asserted") in found
    assert ("Argentina", "attends", "Andean Lithium Summit", "positive", "asserted") in found
    assert ("Peru", "invitedTo", "Andean Lithium Summit", "negative", "asserted") in found
    found = facts_of("Mexico hosted the Pacific Silver Forum, at which Chile did not sign the declaration.")
    assert not {f for f in found if f[1] == "attends"}


def test_extract_fresh10_one_office_holder_absence_is_not_the_country() -> None:
    found = facts_of("Chile hosted the Andes Copper Forum in Santiago. Peru will send a delegation, although the "
                     "Peruvian Minister of Energy and Mines will not attend.")
    assert not {f for f in found if f[0].startswith("Peru") and f[1] == "attends" and f[3] == "negative"}
    found = facts_of("Chile hosted the Andes Copper Forum in Santiago. The Peruvian delegation will not attend.")
    assert ("Peruvian", "attends", "Andes Copper Forum", "negative", "planned") in found
    found = facts_of("Chile hosted the Andes Copper Forum in Santiago. The Peruvian minister attended the forum.")
    assert ("Peruvian", "attends", "Andes Copper Forum", "positive", "asserted") in found


def test_extract_fresh10_a_preposition_said_again_carries_more_items() -> None:
    found = facts_of("Indonesia has required export permits for nickel since 2020 and for bauxite since June 2023.")
    assert ("Indonesia", "restrictsExportOf", "bauxite", "positive", "asserted") in found
    found = facts_of("Jakarta has banned exports of nickel ore, as well as of bauxite and copper, since 2023.")
    assert {("Jakarta", "restrictsExportOf", m) for m in ("nickel", "bauxite", "copper")} <= {f[:3] for f in found}


def test_extract_fresh10_the_sultanate_is_the_country_spoken_of() -> None:
    found = facts_of("Brunei produces oil and gas. The Sultanate also produces limestone and gypsum.")
    assert ("Brunei", "produces", "limestone", "positive", "asserted") in found
    assert ("Brunei", "produces", "gypsum", "positive", "asserted") in found
    assert not {f for f in found if f[0] == "Sultanate"}


def test_extract_fresh10_who_opens_closes_or_meets_at_an_event_attends_it() -> None:
    found = facts_of("Ghana will host the West Africa Gold Forum in Accra. President John Mahama is scheduled to "
                     "close it on Friday.")
    assert ("John Mahama", "attends", "West Africa Gold Forum", "positive", "planned") in found
    found = facts_of("Ghana will host the West Africa Gold Forum in Accra. The governor of Ashanti, Kofi Mensah, "
                     "will open the forum.")
    assert ("Kofi Mensah", "attends", "West Africa Gold Forum", "positive", "planned") in found
    found = facts_of("Trade Minister Elizabeth Ofosu met Canadian Minister of Natural Resources Tim Hodgson in Accra "
                     "for the second Ghana-Canada Minerals Dialogue.")
    assert {("Elizabeth Ofosu", "attends", "Ghana-Canada Minerals Dialogue"),
            ("Tim Hodgson", "attends", "Ghana-Canada Minerals Dialogue")} <= {f[:3] for f in found}
    found = facts_of("Mining Minister Armah Buah told delegates at the opening of the West Africa Gold Forum that "
                     "Ghana would raise royalties.")
    assert ("Armah Buah", "attends", "West Africa Gold Forum", "positive", "asserted") in found
    found = facts_of("Armah Buah met investors in Accra for talks on gold royalties.")
    assert not {f for f in found if f[1] == "attends"}


def test_entities_fresh10_a_title_stops_before_the_next_holders_country() -> None:
    found = facts_of("Reiche will receive France's Minister of the Economy Roland Lescure and Spain's Minister of "
                     "Industry Jordi Hereu in Berlin.")
    assert ("Roland Lescure", "holdsPosition", "France", "positive", "asserted") in found


def test_extract_fresh10_joint_ventures_and_memoranda_between_parties() -> None:
    found = facts_of("The two ministers witnessed the signing of a memorandum of understanding between Codelco and "
                     "ENAMI on shared processing.")
    parties = {f[0] for f in found if f[1] == "partyTo" and f[3] == "positive"}
    assert {"Codelco", "ENAMI"} <= parties
    found = facts_of("Next month SQM and Albemarle will form a joint venture to refine lithium in Chile.")
    assert {f[0] for f in found if f[1] == "partyTo"} >= {"SQM", "Albemarle"}
    assert {f for f in found if f[1] == "concerns" and f[2] == "lithium"}


def test_extract_fresh10_disagreement_a_proposed_venture_or_a_venture_company_is_no_deal() -> None:
    found = facts_of("Chile and Peru signed a copper pact in Lima. Peru proposed adding lithium to the pact, "
                     "but Chile did not agree.")
    assert not {f for f in found if f[1] == "partyTo" and f[3] == "negative"}
    found = facts_of("Codelco had proposed a joint venture with Albemarle to refine lithium. Salar Zinc, a joint "
                     "venture between Codelco and Albemarle, runs the plant.")
    assert not {f for f in found if f[1] == "partyTo"}


def test_entities_fresh10_an_event_head_of_two_words() -> None:
    found = facts_of("Ghana will host the first Gold Investment Round Table in Accra next month. Togo was not invited "
                     "to the Round Table.")
    assert ("Ghana", "hosts", "Gold Investment Round Table", "positive", "planned") in found


def test_extract_fresh11_membership_of_a_bloc_is_no_party_to_the_last_deal() -> None:
    found = facts_of("Norway signed a fisheries pact with Iceland in May. Norway is not an EU member, and Serbia is "
                     "a signatory.")
    assert not {f for f in found if f[0] == "Norway" and f[1] == "partyTo" and f[3] == "negative"}
    assert {f for f in found if f[0] == "Serbia" and f[1] == "partyTo" and f[3] == "positive"}


@pytest.mark.parametrize(("text", "place"), [
    # an owner named, then the site: the name before the site noun is the place
    ("Sibanye said it would close two shafts at its Rustenburg operations.", "Rustenburg"),
    # a name listed before a plural place noun
    ("Unrest spread across the Tete and Manica provinces last week.", "Tete"),
    ("Drones hit the Sumy and Poltava oblasts overnight.", "Sumy"),
    # a known town where the words want a place
    ("Lynas said output at Kalgoorlie rose.", "Kalgoorlie"),
    ("The governors met at Tete to discuss coal royalties.", "Tete"),
])
def test_entities_fresh11_a_place_the_ner_called_an_organisation_or_a_person(text: str, place: str) -> None:
    assert (place, "Location") in mentions_of(text)


def test_entities_fresh11_a_known_town_name_stays_a_company_where_it_is_held() -> None:
    assert ("Nelson", "Location") not in mentions_of("The fund bought a stake in Nelson last year.")


def test_extract_fresh11_the_agent_of_export_curbs_restricts_the_exports() -> None:
    found = facts_of("Carmakers in Japan share worries about export curbs on tungsten, antimony and bismuth "
                     "introduced by Beijing, which refines most of the world's tungsten.")
    assert {("Beijing", "restrictsExportOf", m) for m in ("tungsten", "antimony", "bismuth")} <= {f[:3] for f in found}
    assert not {f for f in found if f[0] == "Japan" and f[1] == "restrictsExportOf"}


@pytest.mark.parametrize(("text", "person", "country"), [
    # "of the" before the portfolio
    ("US Secretary of the Interior Karen Holt toured the mine on Friday.", "Karen Holt", "US"),
    # a portfolio word that is also a mineral's name
    ("Pakistan's Minister of Coal and Power, Awais Leghari, met investors.", "Awais Leghari", "Pakistan"),
])
def test_extract_fresh11_long_titles_name_the_holders_post(text: str, person: str, country: str) -> None:
    assert (person, "holdsPosition", country, "positive", "asserted") in facts_of(text)


@pytest.mark.parametrize("text", [
    "Tomasi Vuetilovoni, Fiji's Minister for Trade, Tourism, Civil Aviation and Cooperatives, said talks would resume.",
    "Fiji's Minister for Trade, Tourism and Cooperatives, Tomasi Vuetilovoni, said talks would resume.",
])
def test_entities_fresh11_a_list_of_portfolios_is_one_title(text: str) -> None:
    found = mentions_of(text)
    assert ("Tomasi Vuetilovoni", "Person") in found
    assert not {m for m in found if m[1] == "Organization"}  # "Cooperatives" is a portfolio


def test_entities_fresh11_a_place_in_apposition_to_a_title_is_its_holder() -> None:
    from spacy.tokens import Doc

    # "Its mines minister, Ari Wibowo, said so." with the NER's place for the name
    words = ["Its", "mines", "minister", ",", "Ari", "Wibowo", ",", "said", "so", "."]
    doc = Doc(make_nlp().vocab, words=words, heads=[2, 2, 7, 2, 5, 2, 2, 7, 7, 7],
              deps=["poss", "compound", "nsubj", "punct", "compound", "appos", "punct", "ROOT", "advmod", "punct"],
              ents=["O", "B-TITLE", "I-TITLE", "O", "B-LOCATION", "I-LOCATION", "O", "O", "O", "O"],
              lemmas=[w.lower() for w in words])
    article = article_from_text(doc.text, id="t", published="2026-03-10")
    assert [(m.text, m.type) for m in extract(doc, article).mentions] == [("Ari Wibowo", "Person")]


def test_entities_fresh11_partners_ends_a_company_name() -> None:
    assert ("Yilgarn Cobalt Partners", "Organization") in mentions_of(
        "Yilgarn Cobalt Partners signed an offtake agreement with Japan's Sojitz on Monday.")


def test_entities_fresh11_a_body_named_by_its_remit_and_its_listed_acronym_are_one() -> None:
    found = {(m.text, m.type, m.key) for m in _mentions_with_keys(
        "Exports need a permit from the Agency for the Supervision of Mining Activities and Metals Trade (JOGMEC), "
        "the ministry said.")}
    assert ("Agency for the Supervision of Mining Activities and Metals Trade", "Organization", "org:jogmec") in found


def test_entities_fresh11_a_ministry_with_a_list_of_portfolios_is_one_name() -> None:
    found = mentions_of("Output fell by a third, according to the Ministry of Energy, Water and Rural Electrification.")
    assert ("Ministry of Energy, Water and Rural Electrification", "Organization") in found


def _mentions_with_keys(text: str) -> tuple:
    article = article_from_text(text, id="t", published="2026-03-10")
    return extract(make_nlp()(article.text), article).mentions


def test_extract_fresh11_the_taliban_act_for_afghanistan() -> None:
    found = facts_of("Uzbekistan will host the Termez Transport Forum in May. The Taliban government was not invited.")
    assert ("Taliban", "invitedTo", "Termez Transport Forum", "negative", "asserted") in found
    keys = {(m.text, m.key) for m in _mentions_with_keys("The Taliban government signed a copper contract. "
                                                         "The Pakistani Taliban claimed an attack.")}
    assert ("Taliban", "country:AF") in keys
    assert ("Pakistani Taliban", "org:tehrik_i_taliban_pakistan") in keys


def test_extract_fresh11_exporters_who_need_a_licence_are_restricted() -> None:
    found = facts_of("Since March, Indonesian exporters of bauxite and tin must obtain a permit for every cargo.")
    assert {("Indonesian", "restrictsExportOf", "bauxite"), ("Indonesian", "restrictsExportOf", "tin")} <= {f[:3] for f in found}
    found = facts_of("Zambian exporters of copper must apply for a licence before each shipment.")
    assert ("Zambian", "restrictsExportOf", "copper", "positive", "asserted") in found
    assert not facts_of("Chinese buyers of cobalt must apply for a licence.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Peru was not invited to a regional copper producers' summit that Chile hosted in Antofagasta in May.",
     ("Peru", "invitedTo", "regional copper producers' summit", "negative", "asserted")),
    ("Ghana will take part in the EU-hosted raw materials conference in Brussels next month.",
     ("Ghana", "attends", "EU-hosted raw materials conference", "positive", "planned")),
    ("Norway declined to attend a battery metals roundtable in Oslo last week.",
     ("Norway", "attends", "battery metals roundtable", "negative", "asserted")),
])
def test_extract_fresh11_a_lower_case_gathering_one_goes_to_is_an_event(text, expected) -> None:
    assert expected in facts_of(text, published="2026-03-10")


def test_extract_fresh11_a_lower_case_meeting_that_is_talked_about_is_no_event() -> None:
    found = mentions_of("Analysts said the mining ministers' meeting would be short. Officials discussed energy "
                        "investment at length.")
    assert not {m for m in found if m[1] == "Event"}


@pytest.mark.parametrize("text", [
    "After the talks, a financing agreement was signed between Zambia's mines ministry and Afreximbank.",
    "On Friday a cooperation agreement was signed by Zambia's mines ministry and Afreximbank in Lusaka.",
])
def test_extract_deals_a_passive_signing_names_the_parties(text) -> None:
    parties = {f[0] for f in facts_of(text) if f[1] == "partyTo" and f[3] == "positive"}
    assert "Afreximbank" in parties


@pytest.mark.parametrize("text, minerals", [
    # the minerals hang on the signing verb, not on the deal noun
    ("Umicore signed a $90 million offtake agreement with Glencore on Friday for cobalt and nickel.",
     {"cobalt", "nickel"}),
    ("A loan agreement was signed between Zambia and Afreximbank on the expansion of a copper smelter.", {"copper"}),
    # ... or on the deal's kind: "a memorandum of understanding on X"
    ("Peru and Brazil signed a memorandum of understanding on tin and niobium processing.", {"tin", "niobium"}),
])
def test_extract_deals_minerals_on_the_verb_or_the_kind_are_what_the_deal_concerns(text, minerals) -> None:
    assert {f[2] for f in facts_of(text) if f[1] == "concerns"} >= minerals


def test_extract_deals_a_meeting_on_the_sidelines_is_not_what_the_deal_concerns() -> None:
    found = facts_of("Umicore signed a $90 million supply agreement with Glencore on the sidelines of a cobalt "
                     "conference in Lusaka.")
    assert not {f for f in found if f[1] == "concerns" and f[2] == "cobalt" and "agreement" in f[0]}


@pytest.mark.parametrize("text, parties, mineral", [
    ("Glencore agreed on Friday to sell its 30% stake in the Mutanda cobalt mine to Gecamines for $700 million.",
     {"Glencore", "Gecamines"}, "cobalt"),
    ("Ma'aden will pay $2 billion for a 10 percent stake in a Chilean lithium project.", {"Ma'aden"}, "lithium"),
    ("Zambia completed the sale of a 20% stake in a copper mine to Vedanta for $400 million.",
     {"Zambia", "Vedanta"}, "copper"),
])
def test_extract_deals_a_stake_traded_for_a_price_is_a_deal(text, parties, mineral) -> None:
    found = facts_of(text)
    stake = {f[2] for f in found if f[1] == "partyTo"}
    assert len(stake) == 1 and "stake" in next(iter(stake))
    assert {f[0] for f in found if f[1] == "partyTo" and f[3] == "positive"} >= parties
    assert {f[2] for f in found if f[1] == "concerns" and "stake" in f[0]} == {mineral}


@pytest.mark.parametrize("text, deal", [
    ("Sandvik Metals agreed in May to sell its Swedish cobalt business to Umicore for up to $300 million.",
     True),
    ("Sandvik Metals plans to sell its Swedish cobalt business to Umicore next year.", False),  # no price
])
def test_extract_deals_a_business_sold_for_a_price_is_a_deal(text, deal) -> None:
    found = facts_of(text)
    expected = {("Sandvik Metals", "partyTo", "Swedish cobalt business", "positive", "asserted"),
                ("Umicore", "partyTo", "Swedish cobalt business", "positive", "asserted"),
                ("Swedish cobalt business", "concerns", "cobalt", "positive", "asserted")}
    assert {f for f in found if f[1] in {"partyTo", "concerns"}} == (expected if deal else set())


def test_extract_deals_a_stake_priced_after_a_misparse_is_a_deal() -> None:
    # the parser hangs "mine to a consortium ... for about $1.2 billion" on "is", away from "sell"
    found = facts_of("Antofagasta Metals is in advanced talks to sell its 49% stake in Chile's Maria Elena mine to a "
                     "consortium led by Korea's LS Cable for about $1.2 billion, two bankers said.")
    assert {(f[0], f[3]) for f in found if f[1] == "partyTo" and "49% stake" in f[2]} == {
        ("Antofagasta Metals", "positive"), ("LS Cable", "positive")}


def test_extract_deals_a_stake_without_a_price_is_no_deal() -> None:
    found = facts_of("Glencore took a 30% stake in the Mutanda cobalt mine in March.")
    assert not {f for f in found if f[1] in {"partyTo", "concerns"}}


def test_extract_deals_a_stake_inside_a_deal_names_that_deals_parties() -> None:
    found = facts_of("Zambia and Oman signed an agreement under which Minerals Development Oman will take a 15% stake "
                     "in a copper mine for $300 million.")
    deals = {f[2] for f in found if f[1] == "partyTo"}
    assert deals == {"agreement"}
    assert ("Minerals Development Oman", "partyTo", "agreement", "positive", "planned") in found


@pytest.mark.parametrize("text, deal", [
    ("Officials point to the strategic partnership on raw materials that Rwanda signed with the European Union "
     "in 2024.", "strategic partnership on raw materials"),
    # the parser hangs "that Rwanda signed" on "metals"
    ("Mutesi, for her part, cites the strategic partnership on battery metals that Rwanda signed with the European "
     "Union in 2024 as proof of progress.", "strategic partnership on battery metals"),
])
def test_extract_deals_a_definite_deal_that_a_named_party_signed_is_a_deal(text, deal) -> None:
    assert {(f[0], f[2]) for f in facts_of(text) if f[1] == "partyTo" and f[3] == "positive"} == {
        ("Rwanda", deal), ("European Union", deal)}


def test_extract_deals_a_definite_partnership_signed_by_no_one_named_is_no_deal() -> None:
    found = facts_of("Mutesi, for her part, cites the strategic partnership on battery metals that officials signed in "
                     "2024 as proof of progress.")
    assert not {f for f in found if f[1] in {"partyTo", "concerns"}}


def test_extract_deals_signed_in_a_place_by_x_names_x_when_by_hangs_on_the_place() -> None:
    # the parser hangs "by ..." on "Lusaka"; the minister signs for Zambia
    found = facts_of("Ma'aden agreed to pay $2 billion for a 10 percent stake in Kansanshi Mining. The deal was "
                     "signed in Lusaka by Zambian Mines Minister Paul Kabuswe and the fund's chief executive, "
                     "Khalid Al Mansoori.")
    assert {f[0] for f in found if f[1] == "partyTo" and f[3] == "positive"} >= {
        "Paul Kabuswe", "Khalid Al Mansoori", "Zambian"}


@pytest.mark.parametrize("dep, person", [("nsubj", True), ("advmod", False)])
def test_extract_a_surname_the_tagger_called_a_verb_is_a_person_as_an_argument(dep: str, person: bool) -> None:
    from spacy.tokens import Doc

    # "Marc Tremblay arrived. Tremblay and Olena Kovalenko left.", the second "Tremblay" tagged a verb
    words = ["Marc", "Tremblay", "arrived", ".", "Tremblay", "and", "Olena", "Kovalenko", "left", "."]
    doc = Doc(make_nlp().vocab, words=words,
              pos=["PROPN", "PROPN", "VERB", "PUNCT", "VERB", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"],
              heads=[1, 2, 2, 2, 8, 4, 7, 4, 8, 8],
              deps=["compound", "nsubj", "ROOT", "punct", dep, "cc", "compound", "conj", "ROOT", "punct"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"])
    found = extract(doc, article_from_text(doc.text, id="t", published="2026-03-10"))
    assert (("Person", "Tremblay") in {(m.type, m.text) for m in found.mentions}) is person


def test_extract_the_government_of_a_country_is_the_country_and_a_ministry_keeps_its_name() -> None:
    article = article_from_text("The memorandum was signed in Lusaka by the Ministry of Energy, Government of Zambia "
                                "and the Government of Namibia.", id="t", published="2026-03-10")
    found = extract(make_nlp()(article.text), article)
    assert {(m.type, m.text) for m in found.mentions if m.type in {"Organization", "Country"}} == {
        ("Organization", "Ministry of Energy"), ("Country", "Government of Zambia"), ("Country", "Government of Namibia")}


def test_extract_deals_a_memorandum_of_understanding_is_named_with_what_it_is_on() -> None:
    found = facts_of("Peru and Chile on Monday signed a memorandum of understanding on the joint processing of lithium "
                     "and copper, officials said.")
    assert {f[2] for f in found if f[1] == "partyTo"} == {
        "memorandum of understanding on the joint processing of lithium and copper"}


def test_extract_deals_any_deal_is_no_deal() -> None:
    assert not {f for f in facts_of("Washington has warned Bolivia against any lithium deal with Russia, officials "
                                    "said.") if f[1] in {"partyTo", "concerns"}}
    # "no agreement" keeps its parties, with a negative polarity
    assert ("Russia", "partyTo", "lithium agreement with Russia", "negative", "asserted") in facts_of(
        "Bolivia reached no lithium agreement with Russia, officials said.")


def test_extract_deals_a_value_given_by_worth_is_part_of_the_deals_name() -> None:
    article = article_from_text("The ministry signed a smaller agreement worth 1.5 billion afghanis with Ariana Minerals "
                                "on Monday.", id="t", published="2026-03-10")
    deals = [m for m in extract(make_nlp()(article.text), article).mentions if m.type == "Deal"]
    assert [(d.name, d.value.amount if d.value else None, d.value.currency if d.value else None) for d in deals] == [
        ("smaller agreement worth 1.5 billion afghanis", 1_500_000_000, "AFN")]


def test_extract_deals_a_deals_name_ends_with_its_partys_own_phrase() -> None:
    found = facts_of("Argentina signed a memorandum with Japan's Toyota Tsusho, which plans to build a lithium plant in "
                     "Jujuy.")
    assert {f[2] for f in found if f[1] == "partyTo"} == {"memorandum with Japan's Toyota Tsusho"}


@pytest.mark.parametrize("terms, mineral", [
    ("Under the agreement, Glencore will finance a new smelter and buy half of the mine's cobalt output for ten years.",
     "cobalt"),
    # a mineral in an apposition describes the actor, not the terms
    ("Under the agreement, Vedanta, the country's largest zinc producer, will finance a new smelter.", None),
])
def test_extract_deals_the_minerals_of_a_clause_under_the_deal_are_what_it_concerns(terms, mineral) -> None:
    found = facts_of("Glencore agreed on Monday to pay $500 million for a 20 percent stake in Mopani Copper. " + terms)
    assert {f[2] for f in found if f[1] == "concerns"} == ({mineral} if mineral else set())


@pytest.mark.parametrize("word, organization", [("MOU", False), ("Codelco", True)])
def test_extract_an_organisation_named_like_a_deal_reference_is_none(word: str, organization: bool) -> None:
    from spacy.tokens import Doc

    # "Officials praised the MOU.": the NER called "MOU" an organisation
    doc = Doc(make_nlp().vocab, words=["Officials", "praised", "the", word, "."],
              pos=["NOUN", "VERB", "DET", "PROPN", "PUNCT"], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "det", "dobj", "punct"], ents=["O", "O", "O", "B-ORG", "O"])
    found = extract(doc, article_from_text(doc.text, id="t", published="2026-03-10"))
    assert any(m.type == "Organization" for m in found.mentions) is organization


def test_extract_deals_the_framework_refers_to_the_last_deal() -> None:
    found = facts_of("Kenya and Ethiopia signed the Horn Minerals Framework in Nairobi on Monday. Somalia, whose envoy "
                     "attended the ceremony, did not sign the framework.")
    assert ("Somalia", "partyTo", "Horn Minerals Framework", "negative", "asserted") in found


def test_extract_deals_a_consortium_led_by_x_is_x() -> None:
    found = facts_of("Vale signed a $600 million nickel supply agreement with a consortium led by Toyota Tsusho.")
    assert {f[0] for f in found if f[1] == "partyTo"} >= {"Vale", "Toyota Tsusho"}


def test_extract_deals_being_left_out_is_no_withdrawal() -> None:
    found = facts_of("Glencore will pay $700 million for a 30% stake in the Mutanda cobalt mine. Zambia has been "
                     "left out of the talks.")
    assert not {f for f in found if f[0] == "Zambia" and f[1] == "partyTo"}


@pytest.mark.parametrize(("text", "place"), [
    # a site noun in apposition
    ("The villagers live beside Mokgadi, the largest platinum mine in the district.", "Mokgadi"),
    # "Salar de" opens a salt flat's name
    ("Lithium prices rose as brine output from the Salar de Pocitos fell.", "Salar de Pocitos"),
    # the site noun after the name (the NER left it out or called it an organisation)
    ("Kestrel Mining said on Monday that its Hadley field would stay shut.", "Hadley"),
    # a possessive inside the apposition
    ("Output fell at Ghana's Obuasi, the country's oldest mine.", "Obuasi"),
    # a site noun before "at" (the parser hangs "at" from the verb)
    ("European firms would develop copper deposits at Erdenet Tsagaan in the north.", "Erdenet Tsagaan"),
    ("Chinese firms hold tungsten deposits at Mawchi Pyin in the country's east.", "Mawchi Pyin"),
    # the project's developer
    ("The bank agreed to lend $90m to Nkana's developer if the project finds a buyer.", "Nkana"),
    # "the mining hub of", a state of a federation
    ("The militia captured the mining hub of Zorgo in March.", "Zorgo"),
    ("Fighting spread across Shan State and into Karenni last week.", "Shan State"),
    # any name right after "near", "outside", "above" (not only a listed town)
    ("Protesters blocked the road outside Nkana Mokambo on Friday.", "Nkana Mokambo"),
    ("The ridge above Ilimaussaq looks much as it always has.", "Ilimaussaq"),
])
def test_entities_a_mining_sites_name_is_a_place(text: str, place: str) -> None:
    assert (place, "Location") in mentions_of(text)


def test_entities_a_name_that_signs_is_no_site() -> None:
    found = mentions_of("Tamarack signed a supply deal with Ford. Tamarack also runs the Tamarack nickel project.")
    assert ("Tamarack", "Location") not in found


def test_entities_a_place_in_apposition_to_a_company_noun_is_a_company() -> None:
    found = mentions_of("Brazil's Sigma, the lithium miner, said it would expand.")
    assert ("Sigma", "Organization") in found
    assert ("Sigma", "Location") not in found


def test_entities_a_place_the_ner_found_keeps_its_type_where_the_ner_wavers() -> None:
    found = mentions_of("The company plans a refinery in Skellefteå. The first cathodes would not leave Skellefteå "
                        "before 2029.")
    assert ("Skellefteå", "Location") in found
    assert ("Skellefteå", "Organization") not in found


def test_entities_a_ministry_and_the_government_of_a_country_are_two_names() -> None:
    text = ("In the presence of both ministers, the Ministry of Energy, Government of Zambia and the Ministry of "
            "Mines, Government of Peru signed a memorandum.")
    found = mentions_of(text)
    assert {("Ministry of Energy", "Organization"), ("Government of Zambia", "Country"),
            ("Government of Peru", "Country")} <= found
    assert ("Government of Peru", "partyTo", "memorandum", "positive", "asserted") in facts_of(text)


@pytest.mark.parametrize(("text", "fragment"), [
    ("Officials said the Federal Government would ban lithium ore exports.", "Federal Government"),
    ("Anna Berg, an economist at the University of Iceland, said so.", "University of"),
])
def test_entities_no_organisation_is_a_bare_government_or_a_name_hanging_on_of(text: str, fragment: str) -> None:
    assert (fragment, "Organization") not in mentions_of(text)


def test_entities_a_name_hanging_on_of_runs_over_the_place() -> None:
    assert ("University of Iceland", "Organization") in mentions_of(
        "Anna Berg, an economist at the University of Iceland, said so.")


@pytest.mark.parametrize(("text", "word"), [
    ("Zinc rose 1.1% to $2,900 a ton by 1500 GMT.", "GMT"),  # a time zone
    ("The MoU provides for joint surveys and the sharing of drill data.", "MoU"),  # a deal's head
    ("Under the MOU, Japan will get priority access to copper from Peruvian mines.", "MOU"),
    ("Wind projects were named as strategic under the EU's Net-Zero Industry Act last year.",
     "Net-Zero Industry Act"),  # a law
    ("The Cabinet would copy the export bans, officials said.", "Cabinet"),
    ("The Opposition's mining spokesman, Tom Reid, said the deal was welcome.", "Opposition"),
])
def test_entities_words_that_name_no_organisation(text: str, word: str) -> None:
    assert (word, "Organization") not in mentions_of(text)


def test_entities_shares_of_a_company_are_not_its_name() -> None:
    assert ("Lundin Mining", "Organization") in mentions_of("Shares of Lundin Mining jumped 12% in Toronto.")


def test_entities_a_bylines_name_is_a_writer() -> None:
    found = mentions_of("Copper rose.\n\n(Reporting by Tomasz Kowal in Warsaw; Editing by Paul Grant)")
    assert ("Tomasz Kowal", "Person") in found
    assert ("Tomasz Kowal", "Organization") not in found


def test_entities_a_bylines_desk_is_no_writer() -> None:
    assert not {m for m in mentions_of("By Coast Observer Reporter\n\nKenya banned exports.") if m[1] == "Person"}


@pytest.mark.parametrize(("text", "name"), [
    ("Italy's Mattei Plan for Africa funds two projects.", "Mattei Plan"),
    ("Washington will stockpile antimony under the National Defense Stockpile programme.", "National Defense Stockpile"),
])
def test_entities_a_plan_or_a_law_is_no_organisation(text: str, name: str) -> None:
    assert (name, "Organization") not in mentions_of(text)


@pytest.mark.parametrize(("text", "name"), [
    ("It will lend €75 million to Canada's Northern Rare Earth Separation for a plant in Manitoba.",
     "Northern Rare Earth Separation"),
    # a plan's name runs to its head, and is then no organisation
    ("Chile's National Copper Strategy gives Codelco control of the salt flat.", None),
])
def test_entities_an_organisations_name_runs_over_the_proper_nouns_after_it(text: str, name: str | None) -> None:
    found = {m for m in mentions_of(text) if m[1] == "Organization"}
    if name is not None:
        assert (name, "Organization") in found
    assert not {m for m in found if m[0] in {"Northern Rare Earth", "National Copper"}}


def test_entities_a_surname_after_a_titled_name_the_ner_misread_is_the_person() -> None:
    found = mentions_of('"We will not sell," Aaja Kleist, Greenland\'s Minister for Business, Trade, Mineral Resources '
                        'and Justice, said on Friday. Kleist said the ban would stay.')
    assert {("Aaja Kleist", "Person"), ("Kleist", "Person")} <= found


def test_entities_a_country_in_a_capitals_heading_is_the_country() -> None:
    found = mentions_of("WHY PERU?\n\nPeru mines copper.")
    assert ("PERU", "Country") in found
    assert ("PERU", "Organization") not in found


def test_extract_a_dateline_with_a_short_date_the_ner_left_untyped() -> None:
    from kg.extract import _opens_dateline

    doc = make_nlp()("Gallium, germanium prices ease after Beijing pauses ban\nLONDON, Nov 10 – Gallium and germanium "
                     "prices outside China slipped on Monday.")
    assert next(t for t in doc if t.text == "Nov").ent_type_ == ""  # as the model reads it
    city = next(e for e in doc.ents if e.text == "LONDON")
    assert _opens_dateline(city)


def test_entities_a_stock_exchange_is_an_organisation_not_its_city() -> None:
    found = mentions_of("Arcadia Metals is listed on the London Stock Exchange and the Athens Exchange.")
    assert {("London Stock Exchange", "Organization"), ("Athens Exchange", "Organization")} <= found
    assert not {m for m in found if m[1] == "Country"}


@pytest.mark.parametrize(("text", "word"), [
    ("Delegations flock to Jeddah as Kingdom pitches itself as a refining hub", "Kingdom"),
    ("Delegates flock to Doha minerals forum as Emirate pitches itself as processing hub", "Emirate"),
])
def test_entities_a_headlines_bare_kingdom_is_no_name(text: str, word: str) -> None:
    assert not {m for m in mentions_of(text) if m[0] == word}


@pytest.mark.parametrize(("text", "place"), [
    # "Republic" in another language opens a state's name
    ("Bosnia's Republika Srpska entity said it would sign a mining deal with the company this year.", "Republika Srpska"),
    # a person's name where a thing was signed is the venue's
    ("The share purchase agreement was signed at Qasr Al Hosn on Monday.", "Qasr Al Hosn"),
])
def test_entities_a_place_the_ner_called_a_person(text: str, place: str) -> None:
    found = mentions_of(text)
    assert (place, "Location") in found
    assert (place, "Person") not in found


def test_entities_a_person_met_at_a_home_stays_a_person() -> None:
    assert ("Anna Berg", "Location") not in mentions_of("The ministers met at Anna Berg's farm on Monday.")


def test_entities_a_name_listed_with_a_place_is_a_place() -> None:
    found = mentions_of("Hunan Gold will drill for lithium in Herat and Laghman under a contract officials value at "
                        "$90 million.")
    assert ("Laghman", "Location") in found
    assert ("Hunan Gold", "Organization") in found


def test_entities_a_full_name_listed_after_a_place_stays_a_person() -> None:
    found = mentions_of("Copper rose.\n\n(Reporting by Marek Zielinski in Krakow and Daniela Rojas in Lima; Editing by "
                        "Paul Grant)")
    assert ("Daniela Rojas", "Location") not in found


@pytest.mark.parametrize(("text", "demonym"), [
    ("Many Greenlanders oppose uranium mining near their towns.", "Greenlanders"),
    ("The Burkinabè delegation left the summit early.", "Burkinabè"),
])
def test_entities_a_demonym_is_its_country(text: str, demonym: str) -> None:
    found = mentions_of(text)
    assert (demonym, "Country") in found
    assert (demonym, "Organization") not in found


@pytest.mark.parametrize("text", [
    "Korea is expected to be represented by its Minister of Trade, Industry and Energy.",
    "Korea's Vice-Minister of Trade, Industry and Energy for Resource Security, Kim Min-soo, will attend.",
])
def test_entities_a_list_of_portfolios_at_a_sentences_end_or_before_a_remit_is_the_title(text: str) -> None:
    assert not {m for m in mentions_of(text) if m[1] == "Organization"}
