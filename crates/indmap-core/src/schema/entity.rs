//! The kinds of records a project is made of.

use crate::reference::Label;
use serde::Serialize;

/// The kinds of records a project is made of: its own record and the rows of its child lists.
/// They sort by name, as the log, the merge and exchange files have always ordered records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Project,
    Financing,
    Milestones,
    Actions,
    SupportMeasures,
    Monitoring,
}

impl Entity {
    pub const ALL: [Entity; 6] = [
        Entity::Project,
        Entity::Financing,
        Entity::Milestones,
        Entity::Actions,
        Entity::SupportMeasures,
        Entity::Monitoring,
    ];

    /// The lists of rows a project holds, each a table of its own in the store.
    pub const LISTS: [Entity; 5] =
        [Entity::Financing, Entity::Milestones, Entity::Actions, Entity::SupportMeasures, Entity::Monitoring];

    /// The name records, files and the log use: `project`, or the child list (`financing`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Entity::Project => "project",
            Entity::Financing => "financing",
            Entity::Milestones => "milestones",
            Entity::Actions => "actions",
            Entity::SupportMeasures => "support_measures",
            Entity::Monitoring => "monitoring",
        }
    }

    pub fn parse(name: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// How people name a record of this kind (a list's heading).
    pub fn label(self) -> Label {
        let (kk, ru, en) = match self {
            Entity::Project => ("Жоба", "Проект", "Project"),
            Entity::Financing => ("Қаржыландыру жоспары", "План финансирования", "Financing plan"),
            Entity::Milestones => ("Кезеңдер", "Этапы", "Milestones"),
            Entity::Actions => ("Іс-шаралар", "Мероприятия", "Action plan items"),
            Entity::SupportMeasures => (
                "Алынған қолдау шаралары (20-бап 2-т.)",
                "Полученные меры поддержки (ст. 20 п. 2)",
                "Support measures received (Art. 20 p.2)",
            ),
            Entity::Monitoring => ("Мониторинг есептері", "Отчёты мониторинга", "Monitoring reports"),
        };
        Label::new(kk, ru, en)
    }

    /// The window's name for the properties of a record of this kind.
    pub fn ts_type(self) -> &'static str {
        match self {
            Entity::Project => "ProjectProperties",
            Entity::Financing => "FinancingProperties",
            Entity::Milestones => "MilestoneProperties",
            Entity::Actions => "ActionProperties",
            Entity::SupportMeasures => "SupportProperties",
            Entity::Monitoring => "MonitoringProperties",
        }
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Ord for Entity {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Entity {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
