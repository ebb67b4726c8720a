//! The action plan (Art. 19 p.2): what state bodies and companies do for the project, by when.

use crate::draw::{Draw, Lang};
use crate::places::RegionInfo;
use crate::schedule::{Timeline, add_days, is_on_map, today};
use indmap_core::reference::ActionStatus;
use indmap_core::{ActionItem, Status};

/// Who may be responsible for an action.
#[derive(Clone, Copy)]
enum Body {
    Akimat,
    /// Kazakh, Russian.
    Named(&'static str, &'static str),
}

const KEGOC: Body = Body::Named("«KEGOC» АҚ", "АО «KEGOC»");
const DBK: Body = Body::Named("«Қазақстанның Даму Банкі» АҚ", "АО «Банк Развития Казахстана»");
const IDF: Body = Body::Named("«Өнеркәсіпті дамыту қоры» АҚ", "АО «Фонд развития промышленности»");
const DAMU: Body =
    Body::Named("«\"Даму\" кәсіпкерлікті дамыту қоры» АҚ", "АО «Фонд развития предпринимательства «Даму»»");
const KAZAKH_INVEST: Body = Body::Named("«\"Kazakh Invest\" ұлттық компаниясы» АҚ", "АО «НК «Kazakh Invest»»");
const MIC: Body =
    Body::Named("ҚР Өнеркәсіп және құрылыс министрлігі", "Министерство промышленности и строительства РК");
const QAZTRADE: Body =
    Body::Named("«\"QazTrade\" сауда саясатын дамыту орталығы» АҚ", "АО «Центр развития торговой политики «QazTrade»»");
const TRADE: Body = Body::Named("ҚР Сауда және интеграция министрлігі", "Министерство торговли и интеграции РК");

/// Actions seen in published action plans (Kazakh, Russian) and who takes them.
const ACTIONS: &[(&str, &str, &[Body])] = &[
    ("Электрмен жабдықтау желілеріне қосу", "Подключение к сетям электроснабжения", &[Body::Akimat, KEGOC]),
    ("Газбен жабдықтау желісін тарту", "Подведение сети газоснабжения", &[Body::Akimat]),
    ("Кірме жол салу", "Строительство подъездной дороги", &[Body::Akimat]),
    ("Жер учаскесін бөлу", "Выделение земельного участка", &[Body::Akimat]),
    ("Қаржыландыру бойынша шешім алу", "Получение решения о финансировании", &[DBK, IDF, DAMU]),
    (
        "Инвестициялық преференциялар беру туралы келісімшарт жасасу",
        "Заключение инвестиционного контракта на предоставление преференций",
        &[KAZAKH_INVEST, MIC],
    ),
    (
        "Экспорттық келісімшарттар жасасуға жәрдемдесу",
        "Содействие в заключении экспортных контрактов",
        &[QAZTRADE, TRADE],
    ),
    ("Жергілікті кадрларды даярлау және қайта даярлау", "Подготовка и переподготовка местных кадров", &[Body::Akimat]),
    ("Сумен жабдықтау және су бұру желілерін тарту", "Подведение сетей водоснабжения и водоотведения", &[Body::Akimat]),
];

const NOTES: &[(&str, &str)] = &[
    ("Хат жіберілді", "Направлено письмо"),
    ("Мердігер анықталды", "Определён подрядчик"),
    ("Бюджеттік өтінім берілді", "Подана бюджетная заявка"),
    ("Мерзімі ұзартылды", "Срок продлён"),
];

/// 1 to 4 actions, due across the project's span; done ones have the day they were done.
pub(crate) fn actions(draw: &mut Draw, t: &Timeline, region: &RegionInfo, lang: Lang) -> Vec<ActionItem> {
    let count = draw.range(1..=4);
    draw.distinct(ACTIONS.len(), count)
        .into_iter()
        .map(|i| {
            let (kk, ru, bodies) = ACTIONS[i];
            let responsible = match *draw.pick(bodies) {
                Body::Akimat => region.akimat(lang),
                Body::Named(kk, ru) => lang.pick(kk, ru).to_owned(),
            };
            let due = t.planned_at(draw.range(-0.2..0.9));
            let status = action_status(draw, t, due);
            let done = (status == ActionStatus::Done).then(|| add_days(due, draw.range(-30..=60)).min(today()));
            let note = draw.chance(0.15).then(|| {
                let (kk, ru) = *draw.pick(NOTES);
                lang.pick(kk, ru).to_owned()
            });
            ActionItem {
                id: draw.id(),
                title: lang.pick(kk, ru).to_owned(),
                responsible: Some(responsible),
                due: Some(due),
                status,
                done,
                note,
            }
        })
        .collect()
}

fn action_status(draw: &mut Draw, t: &Timeline, due: chrono::NaiveDate) -> ActionStatus {
    let overdue = due <= today();
    match t.status {
        _ if !is_on_map(t.status) => ActionStatus::Planned,
        Status::Excluded => {
            if overdue && draw.chance(0.5) {
                ActionStatus::Done
            } else {
                ActionStatus::Cancelled
            }
        }
        // Lagging projects are where actions stay open past their due date.
        Status::Delayed | Status::Suspended if overdue => {
            if draw.chance(0.5) {
                ActionStatus::Done
            } else {
                ActionStatus::InProgress
            }
        }
        _ if overdue => {
            if draw.chance(0.85) {
                ActionStatus::Done
            } else {
                ActionStatus::InProgress
            }
        }
        _ => {
            if draw.chance(0.3) {
                ActionStatus::InProgress
            } else {
                ActionStatus::Planned
            }
        }
    }
}
