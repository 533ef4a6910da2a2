"""The sample coalition's upcoming work (December 2026 – March 2027), with the rough edges a
real calendar has: a cancelled walk, an event nobody has put into Portuguese yet, a Spanish
summary still to write, shifts that are over-subscribed and shifts still short of people.
"""

from __future__ import annotations

from rallyorg.demo import venues as v
from rallyorg.demo.eventspec import EventPlan, partner, shift, text
from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole, Skill

NUTMEG = "Nutmeg State Immigrant Coalition"

FAMILY_UNITY_WALK = EventPlan(
    key="family-unity-walk-stamford",
    tags=("Family unity",),
    kind=EventKind.MARCH,
    status=EventStatus.CANCELLED,
    when="2026-12-05 11:00-13:00",
    venue=v.STAMFORD_GOVERNMENT_CENTER,
    lead="Families Together Not Apart CT",
    partners=(
        partner("Église Baptiste Haïtienne Bon Berger"),
        partner("Sant Kominote Ayisyen Lakay"),
        partner("Building Service Workers Local 610", PartnerRole.MARSHALS),
        partner("Landscape & Nursery Workers United CT", PartnerRole.ENDORSER),
        partner("Stamford Youth for Immigrant Rights"),
    ),
    expected_attendance=250,
    public_url="https://example.org/walks/family-unity-stamford",
    texts={
        "en": text(
            "Walk for Family Unity",
            "A family-friendly walk through downtown Stamford for the parents, children and "
            "grandparents kept apart by years-long visa backlogs and the end of humanitarian parole.",
            "Bring the kids, a stroller and a sign with the name of someone you are waiting for.",
            "Sidewalks with curb cuts the whole way; the walk takes about 40 minutes at a slow pace.",
        ),
        "es": text(
            "Caminata por la unidad familiar",
            "Una caminata para toda la familia por el centro de Stamford, por los padres, hijos y "
            "abuelos que llevan años separados por las demoras en las visas y el fin del parole "
            "humanitario.",
            "Traiga a los niños, el coche y un cartel con el nombre de la persona a quien espera.",
            "Aceras con rampas en todo el recorrido; a paso lento la caminata dura unos 40 minutos.",
        ),
        "pt_BR": text(
            "Caminhada pela união das famílias",
            "Uma caminhada para toda a família pelo centro de Stamford, pelos pais, filhos e avós "
            "separados há anos pela fila dos vistos e pelo fim do parole humanitário.",
            "Traga as crianças, o carrinho e um cartaz com o nome de quem você está esperando.",
            "Calçadas com rampas em todo o percurso; em passo lento, a caminhada leva uns 40 minutos.",
        ),
    },
    shifts=(
        shift("Marshals", "10:15-13:15", 10, 7, Skill.MARSHAL),
        shift("Sign-in desk", "10:15-12:00", 3, 3, Skill.SIGN_IN_DESK),
        shift("Haitian Creole interpreter", "10:45-13:00", 2, 2, Skill.INTERPRETER, language="ht"),
        shift("Spanish interpreter", "10:45-13:00", 1, 1, Skill.INTERPRETER, language="es"),
    ),
)

MIGRANTS_DAY_VIGIL = EventPlan(
    key="migrants-day-vigil-2026",
    tags=("Family unity",),
    kind=EventKind.VIGIL,
    status=EventStatus.CONFIRMED,
    when="2026-12-18 18:00-19:30",
    venue=v.NEW_HAVEN_GREEN,
    lead="Elm City Accompaniment Network",
    partners=(
        partner("Parroquia Santa María de la Esperanza", commitment="Posada readings and hot chocolate"),
        partner("Congregation Or Chadash Social Justice Committee"),
        partner("Red Maya Guatemalteca de New Haven", commitment="Opening words in K'iche'"),
        partner("New Haven Pro Bono Immigration Panel", PartnerRole.ENDORSER),
        partner("Elm City Student Sanctuary Collective", PartnerRole.MARSHALS),
        partner("Hospitality Workers Local 2177", PartnerRole.ENDORSER),
    ),
    expected_attendance=200,
    public_url="https://example.org/vigils/migrants-day-2026",
    texts={
        "en": text(
            "International Migrants Day Vigil",
            "On International Migrants Day we gather on the Green with candles, songs and readings to "
            "remember those who died on the journey and to welcome the newest neighbours in our towns.",
            "Bring a candle and a warm coat; the hot chocolate is on us.",
            "Flat paved area on the Church Street side, chairs for elders, battery candles available.",
            headline="Migrants Day Vigil",
        ),
        "es": text(
            "Vigilia del Día Internacional del Migrante",
            "En el Día Internacional del Migrante nos reunimos en el Green con velas, cantos y lecturas "
            "al estilo de las posadas para recordar a quienes murieron en el camino y dar la bienvenida "
            "a los vecinos que acaban de llegar.",
            "Traiga una vela y un buen abrigo; el chocolate caliente corre por nuestra cuenta.",
            "Zona plana y pavimentada del lado de Church Street, sillas para personas mayores y velas "
            "de pilas para quien las necesite.",
            headline="Vigilia del Migrante",
        ),
        "pt_BR": text(
            "Vigília do Dia Internacional do Migrante",
            "No Dia Internacional do Migrante nos encontramos no Green com velas, cantos e leituras para "
            "lembrar quem morreu no caminho e dar as boas-vindas aos vizinhos que acabaram de chegar.",
            "Traga uma vela e um bom agasalho; o chocolate quente é por nossa conta.",
            "Área plana e pavimentada do lado da Church Street, cadeiras para idosos e velas de pilha "
            "para quem precisar.",
            headline="Vigília do Migrante",
        ),
    },
    shifts=(
        shift("Setup", "16:30-18:00", 4, 2, Skill.SETUP),
        shift("Marshals", "17:30-19:45", 6, 8, Skill.MARSHAL, cancellations=1),
        shift("Hot chocolate table", "17:45-19:30", 3, 3, Skill.OTHER),
        shift("Spanish interpreter", "17:45-19:30", 1, 1, Skill.INTERPRETER, language="es"),
        shift("Medic / first aid", "17:45-19:45", 1, 0, Skill.MEDIC),
    ),
)

KNOW_YOUR_RIGHTS_DANBURY = EventPlan(
    key="know-your-rights-danbury-2027",
    tags=("Know Your Rights",),
    kind=EventKind.TRAINING,
    status=EventStatus.CONFIRMED,
    when="2027-01-16 10:00-12:30",
    venue=v.DANBURY_LIBRARY,
    lead="Danbury Rapid Response Network",
    partners=(
        partner(
            "Assistência Jurídica ao Imigrante Brasileiro",
            commitment="Two attorneys for Portuguese speakers",
        ),
        partner("Comité de Padres Latinos de Danbury"),
        partner("Igreja Batista Brasileira de Danbury", PartnerRole.ENDORSER),
        partner("Clínica de Salud Comunitaria La Esperanza", PartnerRole.ENDORSER),
    ),
    expected_attendance=80,
    public_url="https://example.org/trainings/know-your-rights-danbury",
    texts={
        "en": text(
            "Know Your Rights: Workshop for Families",
            "A morning workshop for parents and caregivers: your rights at home, at work and on the "
            "road; how to prepare a family emergency plan and a power of attorney for your children; "
            "and how Danbury's rapid-response hotline works.",
            "Register so we know how many interpreters and how much childcare to arrange.",
            "Community room reached by elevator; childcare in the children's room downstairs.",
        ),
        "es": text(
            "Conozca sus derechos: taller para familias",
            "Un taller de mañana para madres, padres y cuidadores: sus derechos en la casa, en el "
            "trabajo y en la calle; cómo preparar un plan familiar de emergencia y un poder notarial "
            "para sus hijos; y cómo funciona la línea de respuesta rápida de Danbury.",
            "Inscríbase para saber cuántos intérpretes y cuánto cuidado de niños necesitamos.",
            "Al salón comunitario se llega en ascensor; el cuidado de niños es en la sala infantil, "
            "en el piso de abajo.",
        ),
        "pt_BR": text(
            "Conheça seus direitos: oficina para famílias",
            "Uma oficina de manhã para mães, pais e cuidadores: seus direitos em casa, no trabalho e na "
            "rua; como montar um plano de emergência da família e uma procuração para os filhos; e como "
            "funciona o plantão de resposta rápida de Danbury.",
            "Faça a inscrição para sabermos quantos intérpretes e quanto espaço para as crianças precisamos.",
            "A sala comunitária tem acesso por elevador; as crianças ficam na sala infantil, no andar de "
            "baixo.",
        ),
    },
    shifts=(
        shift("Sign-in desk", "09:15-11:00", 3, 3, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "10:00-12:30", 3, 2, Skill.INTERPRETER, language="es"),
        shift("Portuguese interpreter", "10:00-12:30", 3, 4, Skill.INTERPRETER, language="pt_BR"),
        shift("Childcare", "09:45-12:45", 4, 2, Skill.OTHER),
    ),
)

MARSHAL_TRAINING = EventPlan(
    key="marshal-training-2027",
    kind=EventKind.TRAINING,
    status=EventStatus.CONFIRMED,
    when="2027-01-30 13:00-16:00",
    venue=v.LOCAL_3120_HALL,
    lead="Service & Care Workers Union Local 3120",
    partners=(
        partner(NUTMEG),
        partner("Elm City Street Medics", PartnerRole.OTHER, "De-escalation and first-aid module"),
        partner("Construction Laborers Local 817", PartnerRole.MARSHALS),
        partner("Bridgeport Immigrant Justice Action"),
    ),
    expected_attendance=45,
    public_url="https://example.org/trainings/marshals-2027",
    # No Portuguese yet: the translator for this one has not been found (a visible "missing" state).
    texts={
        "en": text(
            "Marshal and De-escalation Training",
            "Learn to keep a march safe: scouting the route, radio basics, calming a tense moment, and "
            "what to do when police or counter-protesters show up. Required for everyone marshalling "
            "at the Capitol on February 24.",
            "Sign up with a partner from your group: you will practise in pairs.",
            "Hall on one level with an accessible restroom; the practical part can be done seated.",
        ),
        "es": text(
            "Capacitación para el equipo de seguridad: cómo cuidar una marcha",
            "Aprenda a mantener segura una marcha: reconocer la ruta, usar el radio, calmar un momento "
            "tenso y saber qué hacer si llega la policía o un grupo contrario. Obligatoria para quien "
            "haga de marshal en el Capitolio el 24 de febrero.",
            "Inscríbase con un compañero de su grupo: las prácticas son en parejas.",
            "Salón en un solo nivel con baño accesible; la parte práctica se puede hacer sentado.",
        ),
    },
    shifts=(
        shift("Trainers' assistants", "12:00-16:30", 4, 4, Skill.MARSHAL),
        shift("Sign-in desk", "12:30-13:30", 2, 1, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "13:00-16:00", 2, 2, Skill.INTERPRETER, language="es"),
    ),
)

CAPITOL_DAY_2027 = EventPlan(
    key="capitol-day-2027",
    tags=("TRUST Act",),
    kind=EventKind.RALLY,
    status=EventStatus.CONFIRMED,
    when="2027-02-24 11:00-14:00",
    venue=v.STATE_CAPITOL,
    lead=NUTMEG,
    partners=(
        partner("Cover All Kids CT Campaign"),
        partner("Service & Care Workers Union Local 3120", PartnerRole.SOUND, "Sound system and stage"),
        partner("Construction Laborers Local 817", PartnerRole.MARSHALS, "Twelve trained marshals"),
        partner("New Haven Pro Bono Immigration Panel", PartnerRole.OTHER, "Legal observers"),
        partner("Nurses & Health Professionals Local 4190"),
        partner("Connecticut Educators for Immigrant Students", PartnerRole.ENDORSER),
        partner("Comité de Padres Latinos de Danbury", commitment="Bus from Danbury"),
        partner("Fairfield County Immigrant Defense Clinic", PartnerRole.ENDORSER),
    ),
    expected_attendance=900,
    public_url="https://example.org/rallies/capitol-day-2027",
    texts={
        "en": text(
            "Immigrant Day at the Capitol 2027: Cover All Kids, Keep Families Together",
            "The legislative session has begun. Coalition members from every corner of Connecticut fill "
            "the Capitol steps, then meet their legislators to push for health coverage for all "
            "children and an end to local cooperation with ICE detainers.",
            "Reserve your group's bus seats by February 10: buses leave from Danbury, Bridgeport, "
            "Waterbury and New London.",
            "Step-free north entrance and elevators; a level, reserved area for wheelchairs at the foot "
            "of the steps. Interpretation in Spanish, Portuguese and Haitian Creole.",
            headline="Immigrant Day 2027",
        ),
        "es": text(
            "Día del Inmigrante en el Capitolio 2027: salud para todos los niños y familias unidas",
            "Empezó la sesión legislativa. Integrantes de la coalición de todos los rincones de "
            "Connecticut llenamos las escalinatas del Capitolio y luego nos reunimos con los "
            "legisladores para exigir cobertura médica para todos los niños y que la policía local deje "
            "de colaborar con las órdenes de retención de ICE.",
            "Reserve los asientos de su grupo en el autobús antes del 10 de febrero: salimos de Danbury, "
            "Bridgeport, Waterbury y New London.",
            "Entrada norte sin escalones y con ascensores; zona plana reservada para sillas de ruedas al "
            "pie de la escalinata. Interpretación al español, al portugués y al criollo haitiano.",
            headline="Día del Inmigrante",
        ),
        "pt_BR": text(
            "Dia do Imigrante no Capitólio 2027: saúde para todas as crianças e famílias unidas",
            "Começou a sessão legislativa. Membros da coalizão de todos os cantos do Connecticut lotam a "
            "escadaria do Capitólio e depois se reúnem com os parlamentares para cobrar plano de saúde "
            "para todas as crianças e o fim da colaboração da polícia local com os pedidos de detenção "
            "do ICE.",
            "Reserve os lugares do seu grupo no ônibus até 10 de fevereiro: saímos de Danbury, "
            "Bridgeport, Waterbury e New London.",
            "Entrada norte sem degraus e com elevadores; área plana reservada para cadeirantes ao pé da "
            "escadaria. Interpretação em espanhol, português e crioulo haitiano.",
            headline="Dia do Imigrante",
        ),
    },
    shifts=(
        shift("Bus captains", "08:00-16:00", 8, 5, Skill.DRIVER),
        shift("Setup and sound", "09:00-11:00", 8, 9, Skill.SETUP),
        shift("Marshals", "10:00-14:30", 20, 24, Skill.MARSHAL, cancellations=2),
        shift("Sign-in desk", "10:00-12:30", 6, 6, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "10:45-14:00", 4, 4, Skill.INTERPRETER, language="es"),
        shift("Portuguese interpreter", "10:45-14:00", 4, 1, Skill.INTERPRETER, language="pt_BR"),
        shift("Haitian Creole interpreter", "10:45-14:00", 2, 1, Skill.INTERPRETER, language="ht"),
        shift("Medic / first aid", "10:30-14:30", 3, 1, Skill.MEDIC),
    ),
)

BUDGET_PRESS_CONFERENCE = EventPlan(
    key="cover-all-kids-press-2027",
    kind=EventKind.PRESS_CONFERENCE,
    status=EventStatus.DRAFT,
    when="2027-03-09 10:30-11:30",
    venue=v.MCLEVY_GREEN,
    lead="Cover All Kids CT Campaign",
    partners=(
        partner("Promotoras de Salud de Bridgeport"),
        partner("Mães Brasileiras em Ação"),
        partner("Bridgeport Immigrant Justice Action"),
        partner("Despensa Solidaria de Bridgeport", PartnerRole.ENDORSER),
    ),
    expected_attendance=40,
    public_url="",
    # The Spanish summary is still to be written (a visible "missing" state).
    texts={
        "en": text(
            "Press Conference: The Budget Must Cover All Kids",
            "Parents, pediatric nurses and clergy respond to the governor's budget proposal and explain "
            "what it would mean for uninsured children in Fairfield County.",
            "Speakers: please arrive 30 minutes early for a short briefing.",
            "Podium on level ground; benches along the Main Street edge.",
        ),
        "es": text(
            "Conferencia de prensa: el presupuesto debe cubrir a todos los niños",
            "",
            "Oradores: lleguen 30 minutos antes para una breve preparación.",
        ),
        "pt_BR": text(
            "Coletiva de imprensa: o orçamento tem que cobrir todas as crianças",
            "Mães, pais, enfermeiras pediátricas e líderes religiosos respondem à proposta de orçamento "
            "do governador e explicam o que ela significa para as crianças sem plano de saúde do "
            "condado de Fairfield.",
            "Quem vai falar: chegue 30 minutos antes para uma breve preparação.",
        ),
    },
    shifts=(
        shift("Press sign-in", "10:00-11:30", 2, 1, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "10:15-11:30", 1, 0, Skill.INTERPRETER, language="es"),
    ),
)

WORKERS_FORUM_NORWALK = EventPlan(
    key="workers-rights-forum-norwalk",
    tags=("Workers' rights",),
    kind=EventKind.MEETING,
    status=EventStatus.DRAFT,
    when="2027-03-20 14:00-16:00",
    venue=v.NORWALK_CITY_HALL,
    lead="Centro de Trabajadores de Norwalk",
    partners=(
        partner("Fairfield County Voter Engagement Project"),
        partner("Asociación Peruana Inca de Norwalk"),
        partner("Riverside Unitarian Fellowship", PartnerRole.OTHER, "Childcare volunteers"),
        partner("Landscape & Nursery Workers United CT"),
    ),
    expected_attendance=70,
    public_url="https://example.org/forums/workers-rights-norwalk",
    texts={
        "en": text(
            "Community Forum: Your Rights at Work",
            "Unpaid wages, unsafe jobs, bosses who threaten to call immigration: workers and lawyers "
            "explain how to document abuse, file a claim and get your pay back, whatever your status.",
            "Bring your pay stubs or a notebook with your hours; we will help you read them.",
            "Ground-floor room, step-free from the rear parking lot; childcare in the next room.",
        ),
        "es": text(
            "Foro comunitario: sus derechos en el trabajo",
            "Salarios no pagados, trabajos peligrosos, patrones que amenazan con llamar a inmigración: "
            "trabajadores y abogados explican cómo documentar los abusos, poner una queja y recuperar "
            "su pago, tenga o no tenga papeles.",
            "Traiga sus talones de pago o una libreta con sus horas; le ayudamos a revisarlos.",
            "Sala en la planta baja, sin escalones desde el estacionamiento de atrás; cuidado de niños "
            "en la sala de al lado.",
        ),
        "pt_BR": text(
            "Fórum comunitário: seus direitos no trabalho",
            "Salário atrasado, trabalho perigoso, patrão que ameaça chamar a imigração: trabalhadores e "
            "advogados explicam como registrar os abusos, fazer uma denúncia e receber o que é seu, com "
            "ou sem documentos.",
            "Traga seus contracheques ou um caderno com as suas horas; a gente ajuda a conferir.",
            "Sala no térreo, sem degraus a partir do estacionamento dos fundos; espaço para as crianças "
            "na sala ao lado.",
        ),
    },
    shifts=(
        shift("Sign-in desk", "13:15-15:00", 2, 2, Skill.SIGN_IN_DESK),
        shift("Childcare", "13:45-16:15", 3, 1, Skill.OTHER),
        shift("Spanish interpreter", "14:00-16:00", 2, 2, Skill.INTERPRETER, language="es"),
        shift("Portuguese interpreter", "14:00-16:00", 1, 0, Skill.INTERPRETER, language="pt_BR"),
    ),
)

UPCOMING_EVENTS: tuple[EventPlan, ...] = (
    FAMILY_UNITY_WALK,
    MIGRANTS_DAY_VIGIL,
    KNOW_YOUR_RIGHTS_DANBURY,
    MARSHAL_TRAINING,
    CAPITOL_DAY_2027,
    BUDGET_PRESS_CONFERENCE,
    WORKERS_FORUM_NORWALK,
)
