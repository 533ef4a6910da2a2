"""The sample coalition's past events (2025): the record that check-ins and hours come from.

Texts are written in each language as organisers would write them, not translated word for word.
"""

from __future__ import annotations

from rallyorg.demo import venues as v
from rallyorg.demo.eventspec import EventPlan, WalkIn, partner, shift, text
from rallyorg.domain.enums import EventKind, EventStatus, PartnerRole, Skill

NUTMEG = "Nutmeg State Immigrant Coalition"

CAPITOL_ADVOCACY_DAY = EventPlan(
    key="capitol-advocacy-day-2025",
    tags=("TRUST Act",),
    kind=EventKind.RALLY,
    status=EventStatus.DONE,
    when="2025-03-12 11:00-13:30",
    venue=v.STATE_CAPITOL,
    lead=NUTMEG,
    partners=(
        partner("Service & Care Workers Union Local 3120", commitment="Two buses, Hartford and Waterbury"),
        partner("Cover All Kids CT Campaign"),
        partner("Hartford Community Law Collective", PartnerRole.ENDORSER),
        partner("Connecticut Educators for Immigrant Students", PartnerRole.ENDORSER),
        partner("Students for Health Justice – Hartford", PartnerRole.MARSHALS, "Six student marshals"),
    ),
    expected_attendance=600,
    public_url="https://example.org/events/advocacy-day-2025",
    texts={
        "en": text(
            "Immigrant Advocacy Day at the Capitol",
            "Hundreds of immigrant families, workers and faith leaders fill the Capitol to meet their "
            "legislators and ask for a stronger TRUST Act and health coverage for every child, "
            "whatever their immigration status.",
            "Register your town so we can set up meetings with your state representative and senator.",
            "The north entrance has a ramp and elevators. Spanish and Portuguese interpretation at every "
            "meeting; ASL on request.",
        ),
        "es": text(
            "Día de Incidencia Inmigrante en el Capitolio",
            "Cientos de familias inmigrantes, trabajadores y líderes religiosos llenamos el Capitolio "
            "para reunirnos con nuestros legisladores y exigir una Ley TRUST más fuerte y cobertura "
            "médica para todos los niños, sin importar su estatus migratorio.",
            "Inscriba a su pueblo para que podamos organizar reuniones con su representante y su "
            "senador estatal.",
            "La entrada norte tiene rampa y ascensores. Habrá interpretación al español y al portugués "
            "en todas las reuniones, y lengua de señas (ASL) a pedido.",
        ),
        "pt_BR": text(
            "Dia de Mobilização Imigrante no Capitólio",
            "Centenas de famílias imigrantes, trabalhadores e líderes religiosos vão ao Capitólio "
            "conversar com seus deputados e senadores estaduais e pedir uma Lei TRUST mais forte e "
            "plano de saúde para todas as crianças, seja qual for a situação migratória.",
            "Inscreva a sua cidade para marcarmos reuniões com o seu deputado e o seu senador estadual.",
            "A entrada norte tem rampa e elevadores. Haverá interpretação em espanhol e português em "
            "todas as reuniões, e língua de sinais americana (ASL) mediante pedido.",
        ),
    },
    shifts=(
        shift("Bus captains", "08:30-15:30", 6, 6, Skill.DRIVER),
        shift("Marshals", "10:15-14:00", 10, 9, Skill.MARSHAL),
        shift("Sign-in desk", "10:00-12:00", 4, 4, Skill.SIGN_IN_DESK),
        shift(
            "Spanish interpreter (legislator meetings)", "11:00-13:30", 4, 4, Skill.INTERPRETER, language="es"
        ),
        shift(
            "Portuguese interpreter (legislator meetings)",
            "11:00-13:30",
            3,
            2,
            Skill.INTERPRETER,
            language="pt_BR",
        ),
        shift("Social media and photos", "10:30-13:30", 2, 2, Skill.SOCIAL_MEDIA),
    ),
)

MAY_DAY_DANBURY = EventPlan(
    key="may-day-danbury-2025",
    tags=("Workers' rights",),
    kind=EventKind.MARCH,
    status=EventStatus.DONE,
    when="2025-05-01 16:00-19:00",
    venue=v.KENNEDY_PARK,
    lead="Danbury Rapid Response Network",
    partners=(
        partner("Service & Care Workers Union Local 3120", PartnerRole.SOUND, "Sound truck and speakers"),
        partner("Iglesia Pentecostal Nueva Vida"),
        partner("Igreja Batista Brasileira de Danbury"),
        partner(
            "Associação Comunitária Brasil-Connecticut",
            PartnerRole.INTERPRETATION,
            "Portuguese on the megaphones",
        ),
        partner("Asociación Cultural Ecuatoriana Chimborazo"),
        partner("Jóvenes Soñadores de Danbury", PartnerRole.MARSHALS, "Ten youth marshals"),
        partner(
            "Clínica de Salud Comunitaria La Esperanza", PartnerRole.OTHER, "First-aid tent at City Hall"
        ),
        partner("Liga de Fútbol Amistad", PartnerRole.ENDORSER),
    ),
    expected_attendance=1200,
    public_url="https://example.org/marches/may-day-danbury-2025",
    texts={
        "en": text(
            "May Day March for Workers and Immigrants",
            "We march from Kennedy Park down Main Street to City Hall to honour the workers who keep "
            "Danbury running (in kitchens, on building sites, in homes and in hospitals) and to "
            "demand dignity for every one of them, with or without papers.",
            "Wear white, bring your family and your union or church banner.",
            "The route is 1.2 miles on flat streets. A slow group walks at the back with a pace car for "
            "anyone who needs a ride; water and shade at both ends.",
        ),
        "es": text(
            "Marcha del Primero de Mayo: trabajadores e inmigrantes",
            "Marchamos desde Kennedy Park por la Main Street hasta la Alcaldía para honrar a quienes "
            "sostienen a Danbury —en cocinas, obras, casas y hospitales— y exigir dignidad para "
            "todos, con papeles o sin ellos.",
            "Venga vestido de blanco y traiga a su familia y la pancarta de su sindicato o de su iglesia.",
            "El recorrido es de 2 km por calles planas. Al final de la marcha va un grupo a paso lento "
            "con un carro de apoyo para quien lo necesite; habrá agua y sombra en la salida y en la "
            "llegada.",
        ),
        "pt_BR": text(
            "Marcha do Primeiro de Maio: trabalhadores e imigrantes",
            "Saímos do Kennedy Park e descemos a Main Street até a Prefeitura para homenagear quem faz "
            "Danbury funcionar — nas cozinhas, nas obras, nas casas e nos hospitais — e exigir "
            "dignidade para todos, com ou sem documentos.",
            "Venha de branco e traga a família e a faixa do seu sindicato ou da sua igreja.",
            "O percurso tem 2 km em ruas planas. Um grupo caminha mais devagar no fim da marcha, com um "
            "carro de apoio para quem precisar; água e sombra na saída e na chegada.",
        ),
    },
    shifts=(
        shift("Setup at Kennedy Park", "14:30-16:15", 6, 6, Skill.SETUP),
        shift("Marshals", "15:30-19:15", 16, 16, Skill.MARSHAL),
        shift("Sign-in and sign-up tables", "15:30-18:00", 5, 5, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "16:00-19:00", 2, 2, Skill.INTERPRETER, language="es"),
        shift("Portuguese interpreter", "16:00-19:00", 2, 2, Skill.INTERPRETER, language="pt_BR"),
        shift("Medic / first aid", "15:45-19:15", 3, 2, Skill.MEDIC),
        shift("Cleanup at City Hall", "18:30-19:45", 6, 3, Skill.SETUP),
    ),
    walk_ins=(
        WalkIn("Edwin", "Lozano Quispe", "(203) 555-0188"),
        WalkIn("Valdirene", "Moreira"),
        WalkIn("Kwame", "Owusu", "475-555-0131"),
    ),
)

TRUST_ACT_DANBURY = EventPlan(
    key="trust-act-danbury",
    tags=("TRUST Act",),
    kind=EventKind.RALLY,
    # Kept "confirmed" rather than "done": it is the flagship example that flyers are shown with.
    status=EventStatus.CONFIRMED,
    when="2025-05-20 15:00-17:00",
    venue=v.DANBURY_CITY_HALL,
    lead=NUTMEG,
    partners=(
        partner("Danbury Rapid Response Network", commitment="Hotline table and know-your-rights cards"),
        partner("Iglesia Pentecostal Nueva Vida", commitment="Opening prayer"),
        partner("Igreja Batista Brasileira de Danbury"),
        partner(
            "Comité de Padres Latinos de Danbury", PartnerRole.MARSHALS, "Eight marshals in yellow vests"
        ),
        partner("Service & Care Workers Union Local 3120", PartnerRole.SOUND, "Sound system and generator"),
        partner(
            "Associação Comunitária Brasil-Connecticut",
            PartnerRole.INTERPRETATION,
            "Portuguese interpretation on stage",
        ),
        partner("Jóvenes Soñadores de Danbury", PartnerRole.ENDORSER),
        partner("Assistência Jurídica ao Imigrante Brasileiro", PartnerRole.ENDORSER),
    ),
    expected_attendance=400,
    public_url="https://example.org/rallies/trust-act-danbury",
    texts={
        "en": text(
            "Rally: Governor, sign the TRUST Act!",
            "The legislature passed the bill that keeps local police out of federal immigration "
            "enforcement. Now it sits on the governor's desk. Join families, faith leaders and workers "
            "at Danbury City Hall to ask the governor to sign it without delay.",
            "Bring a sign, bring a neighbour, and call the governor's office before you come.",
            "The plaza in front of City Hall is level and paved. Seating for elders and people with "
            "disabilities beside the stage; Spanish and Portuguese interpretation on the loudspeakers.",
            headline="Sign the TRUST Act!",
        ),
        "es": text(
            "¡Gobernador, firme la Ley TRUST!",
            "La legislatura aprobó la ley que mantiene a la policía local fuera de la aplicación de las "
            "leyes federales de inmigración, y ahora está en el escritorio del gobernador. Acompañe a "
            "familias, líderes religiosos y trabajadores frente a la Alcaldía de Danbury para pedirle "
            "que la firme ya.",
            "Traiga su cartel y a un vecino, y llame a la oficina del gobernador antes de venir.",
            "La plaza frente a la Alcaldía es plana y pavimentada. Habrá sillas para personas mayores y "
            "con discapacidad junto al escenario, e interpretación al español y al portugués por los "
            "altavoces.",
            headline="¡Firme la Ley TRUST!",
        ),
        "pt_BR": text(
            "Governador, assine a Lei TRUST!",
            "A Assembleia aprovou a lei que impede a polícia local de fazer o trabalho da imigração "
            "federal, e agora ela está na mesa do governador. Venha com famílias, líderes religiosos e "
            "trabalhadores à Prefeitura de Danbury pedir que ele assine sem demora.",
            "Traga um cartaz e um vizinho, e ligue para o gabinete do governador antes de vir.",
            "A praça em frente à Prefeitura é plana e pavimentada. Cadeiras para idosos e pessoas com "
            "deficiência ao lado do palco; interpretação em espanhol e português nos alto-falantes.",
            headline="Assine a Lei TRUST!",
        ),
    },
    shifts=(
        shift("Setup and sound", "13:30-15:15", 6, 6, Skill.SETUP),
        shift("Marshals", "14:30-17:15", 12, 14, Skill.MARSHAL),
        shift("Sign-in desk", "14:30-16:00", 4, 4, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "14:45-17:00", 2, 2, Skill.INTERPRETER, language="es"),
        shift("Portuguese interpreter", "14:45-17:00", 2, 2, Skill.INTERPRETER, language="pt_BR"),
        shift("Medic / first aid", "14:45-17:15", 2, 1, Skill.MEDIC),
        shift("Social media and photos", "14:45-17:00", 2, 2, Skill.SOCIAL_MEDIA),
    ),
)

YOUTH_HEALTH_RALLY = EventPlan(
    key="youth-cover-all-kids-2025",
    kind=EventKind.RALLY,
    status=EventStatus.DONE,
    when="2025-06-14 12:00-14:00",
    venue=v.NEW_HAVEN_GREEN,
    lead="Cover All Kids CT Campaign",
    partners=(
        partner("Elm City Student Sanctuary Collective"),
        partner("Students for Health Justice – Hartford"),
        partner("Stamford Youth for Immigrant Rights", PartnerRole.MARSHALS),
        partner("Elm City Street Medics", PartnerRole.OTHER, "Two medic teams"),
        partner("Vecinos Unidos de Fair Haven"),
        partner("Parroquia Santa María de la Esperanza", PartnerRole.ENDORSER),
    ),
    expected_attendance=350,
    public_url="https://example.org/rallies/cover-all-kids-youth",
    texts={
        "en": text(
            "Youth Rally: Cover All Kids!",
            "Students from across Connecticut take over the Green to ask for state health coverage for "
            "every young person up to age 26, whatever their immigration status. Speakers, music, and a "
            "giant postcard to the legislature signed by everyone who comes.",
            "Sign the postcard, then bring three friends to the next youth meeting.",
            "Flat lawn with paved paths; a shaded rest area with water, and a quiet space for anyone "
            "who needs a break from the noise.",
        ),
        "es": text(
            "Rally juvenil: ¡salud para todos los jóvenes!",
            "Estudiantes de todo Connecticut toman el Green para pedir cobertura médica estatal para "
            "todos los jóvenes hasta los 26 años, sin importar su estatus migratorio. Habrá oradores, "
            "música y una postal gigante para la legislatura que firmará todo el que venga.",
            "Firme la postal y traiga a tres amigos a la próxima reunión juvenil.",
            "Césped plano con caminos pavimentados; zona de descanso con sombra y agua, y un espacio "
            "tranquilo para quien necesite alejarse del ruido.",
        ),
        "pt_BR": text(
            "Ato da juventude: saúde para todos os jovens!",
            "Estudantes de todo o Connecticut ocupam o Green para pedir plano de saúde estadual para "
            "todos os jovens até 26 anos, seja qual for a situação migratória. Falas, música e um "
            "cartão-postal gigante para a Assembleia, assinado por todo mundo que vier.",
            "Assine o cartão e traga três amigos para a próxima reunião da juventude.",
            "Gramado plano com caminhos pavimentados; área de descanso com sombra e água, e um espaço "
            "tranquilo para quem precisar de uma pausa do barulho.",
        ),
    },
    shifts=(
        shift("Setup", "10:30-12:15", 5, 4, Skill.SETUP),
        shift("Youth marshals", "11:30-14:15", 8, 8, Skill.MARSHAL),
        shift("Postcard table", "11:45-14:00", 4, 4, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "12:00-14:00", 1, 1, Skill.INTERPRETER, language="es"),
        shift("Medic / first aid", "11:45-14:15", 2, 2, Skill.MEDIC),
    ),
)

FAMILIES_VIGIL = EventPlan(
    key="vigil-families-apart-2025",
    tags=("Family unity",),
    kind=EventKind.VIGIL,
    status=EventStatus.DONE,
    when="2025-09-18 19:00-20:30",
    venue=v.NUEVA_VIDA_HALL,
    lead="Iglesia Pentecostal Nueva Vida",
    partners=(
        partner("Igreja Assembleia de Deus Ministério Esperança"),
        partner("Congregation Or Chadash Social Justice Committee", commitment="Interfaith readings"),
        partner("Masjid Al-Nur Community Outreach", PartnerRole.ENDORSER),
        partner("Danbury Rapid Response Network"),
        partner("Mães Brasileiras em Ação", PartnerRole.ENDORSER),
    ),
    expected_attendance=150,
    public_url="https://example.org/vigils/families-apart",
    texts={
        "en": text(
            "Candlelight Vigil for Families Kept Apart",
            "An evening of prayer, song and testimony for the Connecticut families separated by "
            "detention and deportation. Pastors, a rabbi and an imam lead an interfaith service, "
            "followed by a short candle walk around the block.",
            "Bring a photo or the name of someone you are holding in your heart.",
            "Step-free entrance at the side door; the candle walk is short and level, and battery "
            "candles are available for anyone who prefers them.",
        ),
        "es": text(
            "Vigilia con velas por las familias separadas",
            "Una noche de oración, canto y testimonio por las familias de Connecticut separadas por la "
            "detención y la deportación. Pastores, un rabino y un imán guían un servicio interreligioso, "
            "seguido de una breve caminata con velas alrededor de la cuadra.",
            "Traiga una foto o el nombre de alguien a quien lleva en su corazón.",
            "Entrada sin escalones por la puerta lateral; la caminata es corta y plana, y hay velas de "
            "pilas para quien las prefiera.",
        ),
        "pt_BR": text(
            "Vigília à luz de velas pelas famílias separadas",
            "Uma noite de oração, música e testemunhos pelas famílias do Connecticut separadas pela "
            "detenção e pela deportação. Pastores, um rabino e um imã conduzem um culto inter-religioso, "
            "seguido de uma caminhada curta com velas ao redor do quarteirão.",
            "Traga uma foto ou o nome de alguém que está no seu coração.",
            "Entrada sem degraus pela porta lateral; a caminhada é curta e plana, e há velas de pilha "
            "para quem preferir.",
        ),
    },
    shifts=(
        shift("Setup: chairs and candles", "17:30-19:00", 4, 4, Skill.SETUP),
        shift("Ushers and candle-walk marshals", "18:30-20:45", 6, 5, Skill.MARSHAL),
        shift("Portuguese interpreter", "18:45-20:30", 1, 1, Skill.INTERPRETER, language="pt_BR"),
        shift("Spanish interpreter", "18:45-20:30", 1, 1, Skill.INTERPRETER, language="es"),
        shift("Childcare", "18:45-20:30", 3, 2, Skill.OTHER),
    ),
)

KNOW_YOUR_RIGHTS_WATERBURY = EventPlan(
    key="know-your-rights-waterbury-2025",
    tags=("Know Your Rights",),
    kind=EventKind.TRAINING,
    status=EventStatus.DONE,
    when="2025-10-04 10:00-12:30",
    venue=v.WATERBURY_LIBRARY,
    lead="Clínica Legal Comunitaria del Valle",
    partners=(
        partner("Waterbury Workers' Rights Center"),
        partner("Casa Hondureña del Valle"),
        partner("Radio Comunitaria La Voz del Valle", PartnerRole.OTHER, "Announced on the Saturday show"),
        partner("UndocuScholars of the Valley", PartnerRole.ENDORSER),
        partner("Primera Iglesia Bautista Hispana de Waterbury", PartnerRole.ENDORSER),
    ),
    expected_attendance=60,
    public_url="https://example.org/trainings/know-your-rights-waterbury",
    texts={
        "en": text(
            "Know Your Rights Training",
            "Immigration attorneys explain what to do if ICE comes to your door, your workplace or your "
            "car: what to say, what not to sign, and who to call. Families leave with a wallet card and "
            "an emergency plan.",
            "Save the rapid-response hotline in your phone and share it with three people.",
            "Ground-floor community room, step-free from the Grand Street entrance. Childcare next door; "
            "Spanish and Portuguese interpretation with headsets.",
        ),
        "es": text(
            "Taller: Conozca sus derechos",
            "Abogados de inmigración explican qué hacer si ICE llega a su casa, a su trabajo o lo para "
            "en el carro: qué decir, qué no firmar y a quién llamar. Cada familia se lleva una tarjeta "
            "de bolsillo y un plan de emergencia.",
            "Guarde en su teléfono el número de la línea de respuesta rápida y compártalo con tres personas.",
            "Salón comunitario en la planta baja, sin escalones desde la entrada de Grand Street. "
            "Cuidado de niños en el salón de al lado; interpretación al español y al portugués con "
            "audífonos.",
        ),
        "pt_BR": text(
            "Oficina: Conheça seus direitos",
            "Advogados de imigração explicam o que fazer se o ICE bater na sua porta, aparecer no "
            "trabalho ou parar o seu carro: o que dizer, o que não assinar e para quem ligar. Cada "
            "família leva um cartão de bolso e um plano de emergência.",
            "Salve no celular o número do plantão de resposta rápida e compartilhe com três pessoas.",
            "Sala comunitária no térreo, sem degraus a partir da entrada da Grand Street. Espaço para as "
            "crianças na sala ao lado; interpretação em espanhol e português com fones de ouvido.",
        ),
    },
    shifts=(
        shift("Sign-in desk", "09:15-11:00", 2, 2, Skill.SIGN_IN_DESK),
        shift("Spanish interpreter", "10:00-12:30", 2, 2, Skill.INTERPRETER, language="es"),
        shift("Portuguese interpreter", "10:00-12:30", 2, 1, Skill.INTERPRETER, language="pt_BR"),
        shift("Childcare", "09:45-12:45", 3, 3, Skill.OTHER),
    ),
)

PAST_EVENTS: tuple[EventPlan, ...] = (
    CAPITOL_ADVOCACY_DAY,
    MAY_DAY_DANBURY,
    TRUST_ACT_DANBURY,
    YOUTH_HEALTH_RALLY,
    FAMILIES_VIGIL,
    KNOW_YOUR_RIGHTS_WATERBURY,
)
