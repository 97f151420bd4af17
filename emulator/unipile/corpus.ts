/**
 * Word lists for the synthetic workspace: names and everyday messages in
 * several scripts (Latin, Japanese, Cyrillic, Arabic right-to-left) so the
 * client's rendering, search and truncation see realistic text.
 */

export type Lang = 'en' | 'fr' | 'de' | 'es' | 'pt' | 'it' | 'ja' | 'ru' | 'ar';

export const FIRST_NAMES: Record<Lang, readonly string[]> = {
  en: ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'James', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Grace', 'Henry', 'Chloe', 'Jack', 'Zoe', 'Samuel', 'Priya', 'Daniel', 'Hannah', 'Omar'],
  fr: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Jules', 'Manon', 'Arthur', 'Inès', 'Gabriel', 'Élodie', 'Théo', 'Margaux', 'Nathan', 'Sarah', 'Baptiste'],
  de: ['Lukas', 'Anna', 'Jonas', 'Lena', 'Felix', 'Marie', 'Paul', 'Sophie', 'Leon', 'Johanna', 'Maximilian', 'Clara', 'Jürgen', 'Greta'],
  es: ['Lucía', 'Mateo', 'Sofía', 'Hugo', 'Martina', 'Pablo', 'Valeria', 'Álvaro', 'Carmen', 'Diego', 'Elena', 'Javier'],
  pt: ['João', 'Beatriz', 'Miguel', 'Mariana', 'Rafael', 'Ana', 'Tiago', 'Inês', 'Gonçalo', 'Larissa', 'Thiago'],
  it: ['Giulia', 'Francesco', 'Chiara', 'Alessandro', 'Sofia', 'Lorenzo', 'Aurora', 'Matteo', 'Federica', 'Davide'],
  ja: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Yuto', 'Sakura', 'Kenji', 'Mei'],
  ru: ['Алексей', 'Мария', 'Дмитрий', 'Анна', 'Иван', 'Екатерина', 'Сергей', 'Ольга', 'Никита', 'Татьяна'],
  ar: ['Omar', 'Layla', 'Youssef', 'Fatima', 'Karim', 'Nour', 'Hassan', 'Amira', 'Rami', 'Salma'],
};

export const LAST_NAMES: Record<Lang, readonly string[]> = {
  en: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Clarke', 'Walker', 'Wright', 'Patel', 'Nguyen', 'Kim', 'O’Brien'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garnier', 'Roux', 'Faure'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer'],
  es: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno'],
  pt: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Almeida', 'Sousa'],
  it: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino'],
  ja: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi'],
  ru: ['Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Козлов', 'Новикова'],
  ar: ['Haddad', 'Khalil', 'Nasser', 'Saleh', 'Mansour', 'Aziz', 'Farah', 'Hamdan'],
};

export const CASUAL: Record<Lang, readonly string[]> = {
  en: [
    'Hey! Are we still on for tomorrow?', 'Sounds good 👍', 'Can you send me the latest version of the deck?', 'Just landed, will call you in 10',
    'lol', 'Thanks a lot, really appreciate it!', "I'll be 5 minutes late, sorry", 'Did you see the email from the landlord?', "Let's sync on Monday morning.",
    'Happy birthday!! 🎂🎉', 'Where did you park?', 'Can we push it to Thursday?', "I'm on my way", 'Perfect, see you there', 'What time works for you?',
    'Nice one!', 'Ok', 'Haha yes exactly', 'I left the keys under the mat', 'Do you have a minute for a quick call?', 'Just sent you the invoice.',
    'Great news — the contract is signed! 🥂', 'Let me check and get back to you.', 'Dinner at 8?', 'Running a bit behind today', "That's hilarious 😂",
    'Good morning ☀️', 'Could you share the photos from Saturday?', 'Traffic is terrible, start without me', 'Who is bringing the cake?', 'Miss you guys ❤️',
    'The package arrived, thank you!', 'Is the 14:30 train still running?', 'Totally forgot, sorry!! Doing it now', 'Can someone water the plants this weekend? 🌱',
  ],
  fr: [
    'Salut ! Tu es dispo ce soir ?', 'On se retrouve à 19h devant le ciné ?', 'Merci beaucoup 🙏', "J'arrive dans 5 minutes", 'Tu as vu le match hier soir ?',
    'Bonne journée !', "Je t'envoie le document tout de suite.", "C'est noté, merci.", 'Ça marche 👌', 'Je suis en réunion, je te rappelle.', 'Joyeux anniversaire ! 🎂',
    'On peut décaler à jeudi ?', 'Trop bien !', 'Qui ramène le dessert ?', 'Il pleut encore à Paris 🌧️', "Désolé, j'avais pas vu ton message", 'Bisous 😘',
    "T'as pensé à réserver le resto ?", 'Le train a 20 minutes de retard…', 'Parfait, à demain !',
  ],
  de: [
    'Hallo! Hast du morgen Zeit?', 'Bin gleich da.', 'Danke dir!', 'Können wir das Meeting auf 15 Uhr verschieben?', 'Alles klar 👍', 'Schönes Wochenende!',
    'Ich schicke dir die Unterlagen heute Abend.', 'Wo seid ihr gerade?', 'Super, freut mich!', 'Grüße aus München 🥨', 'Sorry, hab verschlafen 😅',
    'Gute Besserung!', 'Treffen wir uns am Bahnhof?', 'Das klingt nach einem Plan.',
  ],
  es: [
    '¡Hola! ¿Qué tal todo?', 'Nos vemos a las ocho', 'Muchas gracias 😊', 'Ya voy, estoy en el metro', '¿Has visto el partido?', 'Perfecto, hablamos mañana',
    '¡Feliz cumpleaños! 🎉', 'Te mando la ubicación', '¡Qué bueno!', '¿Quedamos el sábado para comer?', 'Vale, sin problema', 'Llego un poco tarde, lo siento',
  ],
  pt: [
    'Oi! Tudo bem?', 'Chego em dez minutos', 'Obrigado pela ajuda!', 'Vamos almoçar amanhã?', 'Combinado 👍', 'Que saudade!', 'Te mando o arquivo agora.',
    'Bom dia ☀️', 'Já estou saindo de casa', 'Parabéns!! 🎉', 'Fica tranquilo, eu resolvo.',
  ],
  it: [
    'Ciao! Come stai?', 'Ci vediamo alle 8 in piazza', 'Grazie mille!', 'Arrivo tra poco', 'Perfetto 👍', 'Buon appetito! 🍝', 'Mi mandi le foto?',
    'Che bello!', 'Sono in ritardo, scusa', 'A domani allora', 'Tanti auguri! 🎂',
  ],
  ja: [
    'おはようございます！', '明日の会議は10時からです。', 'ありがとうございます🙏', '了解です！', '今向かっています', 'お疲れさまでした！', '写真送ります📷',
    '週末どこか行きませんか？', 'すみません、少し遅れます', 'いいですね！', 'また連絡します。',
  ],
  ru: [
    'Привет! Как дела?', 'Буду через десять минут', 'Спасибо большое!', 'Давай созвонимся вечером', 'Отлично 👍', 'С днём рождения! 🎉',
    'Скинь, пожалуйста, файл', 'Я уже выхожу', 'Договорились', 'Хороших выходных!', 'Извини, не увидел сообщение',
  ],
  ar: [
    'مرحبا! كيف حالك؟', 'شكرا جزيلا', 'سأصل بعد عشر دقائق', 'نلتقي غدا إن شاء الله', 'تمام 👍', 'صباح الخير ☀️', 'أرسل لي الموقع من فضلك', 'مبروك! 🎉', 'لا مشكلة',
  ],
};

export const SLACK_TEXTS: readonly string[] = [
  'Deploy to staging is done, please smoke test 🙏', 'Who owns the flaky test in `billing-service`?', 'Standup in 5', 'LGTM, merging', 'Incident resolved, postmortem tomorrow',
  'Can someone review the migration plan?', 'Reminder: code freeze on Friday ❄️', 'The p95 latency went from 180ms to 95ms 🚀', 'I’m out this afternoon, ping me on my phone if urgent',
  'Is anyone else seeing 502s from the gateway?', 'Retro notes are in the doc', 'Shipping the release candidate now', 'Thanks for jumping on this so quickly!', ':+1:',
  'Pairing session at 3pm, join if you want', 'Rolled back, investigating', 'Added you to the on-call rotation for next week', 'Let’s take this to a thread',
  'Heads up: the VPN certificate expires tonight', 'Welcome to the team! 👋', 'Could you add a test for the empty-list case?',
];

export const LINKEDIN_TEXTS: Partial<Record<Lang, readonly string[]>> = {
  en: [
    'Thanks for connecting!', 'I came across your profile and thought you might be a great fit for a Staff Engineer role we are hiring for.', 'Would you be open to a quick chat next week?',
    'Congrats on the new position! 🎉', 'Happy to make an intro.', 'Great meeting you at the conference yesterday.', 'Thanks for the referral, I really appreciate it.',
    'Are you still looking for a product designer?', 'I’d love to hear more about what your team is building.', 'Sure, Tuesday at 11 works for me.',
  ],
  fr: ['Merci pour la mise en relation !', 'Seriez-vous disponible pour un échange la semaine prochaine ?', 'Félicitations pour votre nouveau poste !', 'Avec plaisir, voici mon agenda.'],
  de: ['Danke für die Vernetzung!', 'Hätten Sie nächste Woche Zeit für ein kurzes Gespräch?', 'Herzlichen Glückwunsch zur neuen Position!'],
};

export const INMAIL_SUBJECTS: readonly string[] = ['Staff Engineer opportunity', 'Partnership proposal', 'Quick question about your talk', 'Speaking invitation — DevDays 2026', 'Advisory role'];
export const SPONSORED_TEXTS: readonly string[] = ['Unlock your career potential with our certified program. Enrol today and get 20% off.', 'Join 10,000 professionals at the Future of Work summit.'];

export const LINKS: readonly string[] = [
  'https://maps.app.goo.gl/Xq3a9TzLrK2', 'https://github.com/switchboard-demo/app/pull/412', 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
  'https://docs.google.com/document/d/1aB2c3D4e5F6g7H8/edit', 'https://en.wikipedia.org/wiki/Telephone_switchboard', 'https://www.lemonde.fr/international/',
  'https://calendly.com/switchboard-demo/30min', 'https://www.linkedin.com/jobs/view/3912345678/', 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
  'https://www.airbnb.com/rooms/12345678', 'https://news.ycombinator.com/item?id=40000000',
];

export const EMOJI_ONLY: readonly string[] = ['😂', '👍', '❤️', '🙏', '🎉🎉', '😍', '🔥', '👀', '😅', '🤣🤣🤣', '💯', '👏👏'];
export const REACTIONS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🔥', '🎉', '👀', '✅'];
export const EMOJI_TAILS: readonly string[] = [' 😊', ' 😂', ' 🙌', ' 🤔', ' 😉', ' 🎉', ' ❤️', ' 👀'];

export const LONG_TEXTS: readonly string[] = [
  'Quick recap of today:\n- the venue is confirmed for the 14th\n- catering quote came in 10% under budget\n- we still need two volunteers for registration\n- Sam will handle the slides\n\nLet me know if I missed anything!',
  "So here's the thing. I talked to the landlord again this morning and he finally agreed to fix the heating before winter, but only if we let the technician in on a weekday between 9 and 5. I can work from home on Tuesday, can anyone else cover Thursday in case they need a second visit? Also the water bill came in and it's a bit higher than usual, I'll split it in the app tonight.",
  'Notes from the design review: the empty states need illustrations, search should highlight matches in the middle of long messages, and keyboard navigation has to work everywhere (j/k in the list, Enter to open, Esc to go back). Performance target is under 100 ms for switching conversations with 100k messages in the cache.',
  'Je te fais un petit résumé : on part vendredi à 18h, on dort chez Marc samedi, et dimanche on rentre après le déjeuner. Pense à prendre tes chaussures de rando, le temps a l’air correct mais il peut pleuvoir en montagne. Je m’occupe des courses pour le pique-nique.',
];

export const GROUP_NAMES: Record<Lang, readonly string[]> = {
  en: ['Climbing crew 🧗', 'Flat 4B', 'Book club 📚', 'Team dinner 🍕', 'Weekend in Lisbon ✈️', 'Running club 🏃', 'Wedding planning 💍', 'Neighbours', 'Board games night 🎲'],
  fr: ['Famille 🏡', 'Parents école', 'Football jeudi ⚽', 'Rando du dimanche', 'Coloc'],
  de: ['Familie', 'WG Küche', 'Laufgruppe', 'Stammtisch 🍻'],
  es: ['Familia 💛', 'Viaje a Sevilla', 'Pádel los martes'],
  pt: ['Família', 'Churrasco de sábado 🍖'],
  it: ['Calcetto', 'Cena di classe'],
  ja: ['家族', '写真部'],
  ru: ['Рабочая группа', 'Дача 🌲', 'Бег по утрам'],
  ar: ['العائلة', 'أصدقاء الجامعة'],
};

export const SLACK_CHANNELS: readonly string[] = ['general', 'random', 'eng-platform', 'design-reviews', 'incidents', 'launch-q3', 'sales-emea', 'watercooler', 'dev-frontend', 'support-escalations', 'data-science', 'hiring'];
export const TELEGRAM_CHANNELS: readonly string[] = ['Tech News Daily', 'Berlin Events', 'Новости проекта', 'Release notes'];
export const COMPANIES: readonly string[] = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Northwind', 'Contoso', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Soylent'];
export const JOB_TITLES: readonly string[] = ['Software Engineer', 'Product Manager', 'Talent Partner', 'Head of Design', 'Engineering Manager', 'Founder & CEO', 'Data Scientist', 'Account Executive'];
export const CITIES: readonly string[] = ['Paris, Île-de-France, France', 'Berlin, Germany', 'London, England, United Kingdom', 'Madrid, Spain', 'Lisbon, Portugal', 'San Francisco, California, United States', 'Tokyo, Japan'];

export const FILE_NAMES: readonly string[] = ['Invoice-2025-0412.pdf', 'Floor plan.pdf', 'CV_Jane_Doe.pdf', 'Boarding pass.pdf', 'Q3 report.pdf', 'Contract signed.pdf', 'Menu.pdf'];
export const TEXT_FILE_NAMES: readonly string[] = ['notes.txt', 'budget-2025.csv', 'agenda.md', 'packing-list.txt', 'error.log'];
