package org.storyline.sample;

import java.util.List;

/**
 * The news storylines the sample corpus is written from: for each, headline and sentence templates in the register
 * of wire copy. Templates use the full name of a person on first mention and short forms (surname, "Mr", title)
 * afterwards, as real copy does, so that entity canonicalisation has something to do.
 */
final class Storylines {
  private Storylines() {}

  /** A storyline: its name, headlines, opening sentences (full names) and body sentences (short forms too). */
  record Storyline(String name, List<String> headlines, List<String> leads, List<String> body) {}

  static final Storyline LEADER_SECURITY = new Storyline("leader_security",
      List.of(
          "Kim Jong-un's aides wipe down chair after talks with Putin in Beijing",
          "North Korean staff scrub Kim's chair and take his glass to keep DNA from foreign spies",
          "Why Kim Jong Un's bodyguards wiped every surface he touched in Beijing",
          "Putin's guards carried his waste home from Alaska, reports say",
          "Leaders' DNA paranoia: Kim, Putin and Xi Jinping's security details under scrutiny",
          "Inside the security detail that follows Kim Jong-un abroad",
          "Kremlin bodyguards and Kim's aides: how leaders guard their biological traces",
          "Surveillance fears: Kim's team disinfects room after Beijing summit",
          "Video shows Kim Jong-un's aides cleaning chair after meeting with Vladimir Putin",
          "Hot mic and hidden traces: the Beijing summit seen by security experts"),
      List.of(
          "Aides to North Korean leader Kim Jong-un wiped down the chair and table he had used after his talks with "
              + "Russian President Vladimir Putin in Beijing on {weekday}, video footage showed.",
          "Staff travelling with Kim Jong-un meticulously removed every trace of the North Korean leader from a "
              + "reception room in Beijing after he met Vladimir Putin, according to footage released by Russian media.",
          "North Korean officials disinfected the furniture and took away the drinking glass used by Kim Jong Un "
              + "after his meeting with Russian President Vladimir Putin in Beijing, reporters at the scene said.",
          "Security experts say the scrubbing of Kim Jong-un's chair in Beijing shows how far leaders now go to keep "
              + "their DNA out of the hands of foreign intelligence services.",
          "The bodyguards of Russian President Vladimir Putin collect his bodily waste and carry it home in a "
              + "special suitcase, a practice that was reported again during his trip to Alaska, security analysts say.",
          "Chinese President Xi Jinping hosted Kim Jong-un and Vladimir Putin at a military parade in Beijing, "
              + "where the North Korean delegation's security precautions drew more attention than the tanks."),
      List.of(
          "Once the talks ended, two aides wiped the back and armrests of Kim's chair with a cloth.",
          "Another member of the security detail placed the glass Kim had drunk from on a tray and carried it away.",
          "The aides also removed a small table that had been set beside the North Korean leader.",
          "Security analysts said the precautions were meant to stop foreign intelligence services from collecting "
              + "DNA or other biological traces.",
          "Putin's own guards are said to carry his waste home in sealed bags so that nothing can be analysed abroad.",
          "The Federal Protective Service, which guards the Kremlin leader, did not comment on the reports.",
          "A Kremlin spokesman, Dmitry Peskov, declined to discuss the president's security arrangements.",
          "Xi Jinping greeted both leaders before the parade marking the end of World War Two.",
          "Jinping, who hosted the parade, walked with Putin and Kim along the red carpet.",
          "Surveillance and counter-surveillance have become routine on such trips, former bodyguards said.",
          "The Korean Central News Agency did not mention the cleaning in its report on the meeting.",
          "Footage of the scene was first broadcast by a Russian state television reporter, Alexander Yunashev.",
          "Experts in biometric security said a single hair or a used glass could reveal a leader's health.",
          "Kim travelled to Beijing in his armoured train and brought his own toilet, South Korean media reported.",
          "In Alaska, the Kremlin team was reported to have collected Putin's waste during the summit with "
              + "Donald Trump in Anchorage.",
          "Putin and Kim spoke for about two and a half hours, according to the Kremlin.",
          "The North Korean leader's security detail has long been known for running beside his limousine.",
          "Intelligence agencies are believed to seek DNA samples to assess the health of foreign leaders.",
          "South Korea's National Intelligence Service has studied Kim's health for years from photographs and video.",
          "Analysts said the disinfection of the room reflected a deep distrust even between allies."));

  static final Storyline UKRAINE_TALKS = new Storyline("ukraine_talks",
      List.of(
          "Trump and Putin meet in Alaska as Ukraine waits for ceasefire talks",
          "Zelensky says no deal on Ukraine without Kyiv at the table",
          "European leaders press for security guarantees for Ukraine",
          "Kremlin says Putin open to further talks with Trump",
          "Ukraine peace push stalls after Anchorage summit"),
      List.of(
          "U.S. President Donald Trump met Russian President Vladimir Putin in Anchorage, Alaska, on {weekday} in "
              + "an effort to end the war in Ukraine.",
          "Ukrainian President Volodymyr Zelensky said on {weekday} that no agreement on Ukraine could be reached "
              + "without Kyiv taking part in the talks.",
          "European leaders including French President Emmanuel Macron and German Chancellor Friedrich Merz met in "
              + "Washington on {weekday} to press for security guarantees for Ukraine.",
          "The Kremlin said on {weekday} that Vladimir Putin remained open to another meeting with Donald Trump."),
      List.of(
          "Zelensky said Ukraine would not give up territory in exchange for a ceasefire.",
          "Trump told reporters the meeting had been productive but that there was no deal yet.",
          "Putin said Russia wanted to address what he called the root causes of the conflict.",
          "Macron said Europe would keep supporting Kyiv for as long as it takes.",
          "Merz called for a ceasefire before any wider negotiations.",
          "NATO Secretary General Mark Rutte said the alliance stood behind Ukraine.",
          "The United States has sent weapons and intelligence to Ukraine since 2022.",
          "Kyiv reported fresh drone attacks on energy infrastructure overnight.",
          "Russian forces continued to advance slowly in the Donetsk region, military analysts said.",
          "Secretary of State Marco Rubio said Washington was working on a framework for talks.",
          "The European Union is preparing a new package of sanctions against Moscow.",
          "Zelensky thanked the U.S. Congress for its support in a speech on {weekday}."));

  static final Storyline CENTRAL_BANKS = new Storyline("central_banks",
      List.of(
          "Fed holds rates steady as Powell warns on tariff inflation",
          "ECB keeps interest rates unchanged, Lagarde says inflation near target",
          "Bank of England cuts rates to lowest in two years",
          "Markets bet on September Fed rate cut after weak jobs report",
          "Powell signals Fed could cut rates as labour market cools"),
      List.of(
          "The Federal Reserve left interest rates unchanged on {weekday}, with Chair Jerome Powell saying tariffs "
              + "were starting to push up the prices of some goods.",
          "The European Central Bank kept its key interest rate at 2 percent on {weekday}, and President Christine "
              + "Lagarde said inflation was close to the bank's target.",
          "The Bank of England cut its main interest rate by a quarter point on {weekday}, with Governor Andrew "
              + "Bailey saying inflation pressures were easing.",
          "Investors raised bets on a Federal Reserve rate cut on {weekday} after data showed hiring slowed sharply."),
      List.of(
          "Powell said the Fed was well positioned to wait for more data before moving.",
          "Lagarde told reporters the bank was in a good place but would stay data dependent.",
          "Bailey said the path for rates remained gradually downward.",
          "Treasury yields fell after the decision, while the dollar weakened against the euro.",
          "Inflation rose to 2.7 percent in July, the Labor Department said.",
          "Economists at Goldman Sachs expect two cuts before the end of the year.",
          "Trump has repeatedly criticised Powell for not lowering rates faster.",
          "Core inflation, which excludes food and energy, remained above the Fed's 2 percent goal.",
          "The labour market added fewer jobs than expected, and the unemployment rate rose to 4.3 percent.",
          "Stocks on Wall Street rose after the announcement, with the S&P 500 closing at a record high.",
          "Analysts said the tariff increases had not yet fed fully into consumer prices.",
          "Policymakers were divided, with two members voting for an immediate cut."));

  static final Storyline AI_CHIPS = new Storyline("ai_chips",
      List.of(
          "Nvidia results beat forecasts on surging AI chip demand",
          "OpenAI launches new model as competition with Google intensifies",
          "EU opens investigation into AI data centre subsidies",
          "Chip export curbs to China tighten as Washington reviews Nvidia sales",
          "Altman says OpenAI will spend heavily on computing power"),
      List.of(
          "Nvidia reported quarterly revenue above analysts' forecasts on {weekday}, as chief executive Jensen Huang "
              + "said demand for its artificial intelligence chips remained extraordinary.",
          "OpenAI released a new version of its flagship model on {weekday}, with chief executive Sam Altman "
              + "calling it a significant step forward in reasoning.",
          "The European Commission said on {weekday} it was examining subsidies for large data centres used to "
              + "train artificial intelligence models.",
          "The U.S. Commerce Department is reviewing licences for Nvidia chip sales to China, officials said on "
              + "{weekday}."),
      List.of(
          "Huang said data centre revenue more than doubled from a year earlier.",
          "Altman told developers the company would need far more computing capacity.",
          "Google and Microsoft are investing tens of billions of dollars in new data centres.",
          "Shares of Nvidia rose 3 percent in after-hours trading.",
          "Regulators in Brussels are also enforcing the AI Act, which sets rules for general-purpose models.",
          "Chinese companies such as Huawei are developing their own AI processors.",
          "Analysts said supply of advanced chips from TSMC remained tight.",
          "The model scored higher on coding and mathematics benchmarks, the company said.",
          "Critics warned about the energy use of new data centres.",
          "Beijing has urged domestic firms to reduce their reliance on American chips."));

  static final Storyline CLIMATE = new Storyline("climate",
      List.of(
          "Heatwave grips southern Europe as wildfires spread in Spain and Greece",
          "UN chief Guterres calls for faster emissions cuts ahead of COP30",
          "Record ocean temperatures alarm climate scientists",
          "Floods in Pakistan kill dozens as monsoon rains intensify",
          "Brazil prepares to host COP30 climate talks in Belem"),
      List.of(
          "Firefighters battled wildfires across Spain and Greece on {weekday} as a heatwave pushed temperatures "
              + "above 44 degrees Celsius.",
          "United Nations Secretary-General Antonio Guterres urged governments on {weekday} to present stronger "
              + "plans to cut greenhouse gas emissions before the COP30 summit in Belem, Brazil.",
          "Sea surface temperatures reached record highs for the time of year, the Copernicus Climate Change "
              + "Service said on {weekday}.",
          "Monsoon floods killed dozens of people in northern Pakistan on {weekday}, officials said."),
      List.of(
          "Guterres said the world was running out of time to limit warming to 1.5 degrees.",
          "Brazilian President Luiz Inacio Lula da Silva said Belem would show the Amazon to the world.",
          "Thousands of residents were evacuated from villages near Athens.",
          "Scientists said climate change was making heatwaves longer and more intense.",
          "The World Meteorological Organization warned of more extreme weather this summer.",
          "Spain's Prime Minister Pedro Sanchez visited the affected region.",
          "Emissions from coal power fell in China in the first half of the year, analysts said.",
          "Insurers estimated the losses at several billion euros.",
          "Activists from Greenpeace protested outside the ministry in Madrid.",
          "The European Union is set to agree a 2040 climate target later this year."));

  static final Storyline FOOTBALL = new Storyline("football",
      List.of(
          "Arsenal beat Manchester United in Premier League opener",
          "Haaland double lifts Manchester City to win at Wolves",
          "Liverpool complete record signing as transfer window closes",
          "Stadium security tightened after fan trouble at Premier League match",
          "Chelsea coach Enzo Maresca praises young squad after win"),
      List.of(
          "Arsenal beat Manchester United 1-0 at Old Trafford on {weekday} to open their Premier League season "
              + "with a win.",
          "Erling Haaland scored twice as Manchester City won 4-0 at Wolverhampton Wanderers on {weekday}.",
          "Liverpool completed the signing of Alexander Isak from Newcastle United on {weekday} for a British "
              + "record fee.",
          "Police and club stewards increased security at Premier League grounds on {weekday} after trouble "
              + "between rival fans."),
      List.of(
          "Mikel Arteta said his side had shown great character.",
          "Ruben Amorim said Manchester United deserved more from the game.",
          "Pep Guardiola praised Haaland's movement in the box.",
          "The club's security detail escorted the players' bus through the crowd.",
          "Surveillance cameras around the stadium helped police identify the fans involved.",
          "Arne Slot said the new signing would need time to settle at Liverpool.",
          "The Premier League said it would review the incident.",
          "More than 70,000 fans watched the match.",
          "The goal came from a corner in the 13th minute.",
          "Bodyguards for the players were seen outside the team hotel before kick-off."));

  static final Storyline TRADE = new Storyline("trade",
      List.of(
          "Trump announces new tariffs on imports from India",
          "China and U.S. extend tariff truce for 90 days",
          "EU and United States agree trade framework after months of talks",
          "Japan's exports fall as U.S. tariffs bite",
          "Canada retaliates against American steel tariffs"),
      List.of(
          "President Donald Trump said on {weekday} he would raise tariffs on goods from India to 50 percent, "
              + "citing its purchases of Russian oil.",
          "The United States and China agreed on {weekday} to extend their tariff truce by another 90 days, "
              + "officials in Washington and Beijing said.",
          "The European Union and the United States agreed on {weekday} on a framework setting a 15 percent tariff "
              + "on most European goods, European Commission President Ursula von der Leyen said.",
          "Japan's exports fell for a third month in a row, data showed on {weekday}, as American tariffs hit car "
              + "shipments."),
      List.of(
          "Von der Leyen said the deal brought stability for businesses on both sides of the Atlantic.",
          "Indian Prime Minister Narendra Modi said India would protect the interests of its farmers.",
          "Treasury Secretary Scott Bessent said talks with China had been constructive.",
          "Chinese Vice Premier He Lifeng led Beijing's delegation to the talks in Stockholm.",
          "Economists warned the tariffs would raise costs for American consumers.",
          "The Commerce Ministry in Beijing said China would take necessary measures to defend its interests.",
          "Canadian Prime Minister Mark Carney said Ottawa would respond to protect its workers.",
          "Car makers such as Toyota cut their profit forecasts because of the tariffs.",
          "The World Trade Organization said global trade growth would slow this year.",
          "America's trade deficit narrowed in July as imports fell."));

  static final List<Storyline> ALL =
      List.of(LEADER_SECURITY, UKRAINE_TALKS, CENTRAL_BANKS, AI_CHIPS, CLIMATE, FOOTBALL, TRADE);

  /** Articles in other languages: they must be detected and left out of the English-only stages. */
  static final List<String[]> FOREIGN = List.of(
      new String[] {"fr", "Les assistants de Kim Jong-un nettoient sa chaise après sa rencontre avec Poutine",
          "Les collaborateurs du dirigeant nord-coréen ont essuyé la chaise et emporté le verre qu'il avait utilisé "
              + "après ses entretiens avec le président russe à Pékin. Selon des experts en sécurité, il s'agissait "
              + "d'empêcher les services de renseignement étrangers de recueillir son ADN. La scène a été filmée "
              + "par un journaliste de la télévision russe."},
      new String[] {"de", "Kims Leibwächter wischen nach Treffen mit Putin den Stuhl ab",
          "Nach dem Treffen mit dem russischen Präsidenten in Peking haben Mitarbeiter des nordkoreanischen "
              + "Machthabers den Stuhl und den Tisch gründlich gereinigt. Sicherheitsexperten zufolge sollte "
              + "verhindert werden, dass ausländische Geheimdienste Spuren seiner DNA sammeln."},
      new String[] {"es", "La Reserva Federal mantiene los tipos de interés sin cambios",
          "La Reserva Federal de Estados Unidos mantuvo los tipos de interés sin cambios este miércoles. Su "
              + "presidente dijo que los aranceles empiezan a elevar los precios de algunos bienes y que el banco "
              + "esperará a tener más datos antes de actuar."},
      new String[] {"fr", "Canicule: l'Espagne et la Grèce luttent contre les incendies",
          "Les pompiers ont combattu de nombreux incendies en Espagne et en Grèce alors que la vague de chaleur "
              + "faisait grimper les températures au-delà de 44 degrés. Des milliers d'habitants ont été évacués "
              + "près d'Athènes."},
      new String[] {"de", "Europäische Zentralbank lässt Leitzins unverändert",
          "Die Europäische Zentralbank hat ihren Leitzins bei zwei Prozent belassen. Die Inflation liege nahe "
              + "am Ziel der Notenbank, sagte die Präsidentin auf der Pressekonferenz in Frankfurt."},
      new String[] {"es", "Zelenski afirma que no habrá acuerdo sin Ucrania en la mesa",
          "El presidente ucraniano aseguró que ningún acuerdo sobre el futuro de su país podrá alcanzarse sin la "
              + "participación de Kiev. Los líderes europeos reiteraron su apoyo y pidieron garantías de seguridad."});
}
