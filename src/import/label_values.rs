//! A label column's texts, each distinct text stored once: a million rows of five
//! channels cost four bytes a row, not a String each (issue 15's memory goal).

use indexmap::IndexSet;

/// The texts of a label column, in row order, interned.
#[derive(Clone, Debug, Default)]
pub struct LabelValues {
    /// Each distinct text, in order of first appearance.
    distinct: IndexSet<Box<str>>,
    /// Per row, the index of its text in `distinct`.
    keys: Vec<u32>,
}

impl LabelValues {
    /// Appends a row's text.
    pub fn push(&mut self, text: &str) {
        let key = match self.distinct.get_index_of(text) {
            Some(k) => k,
            None => self.distinct.insert_full(text.into()).0,
        };
        // A column has at most as many distinct texts as rows, and rows are bounded by the
        // import's cell budget, far below 2^32.
        self.keys.push(key as u32);
    }
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }
    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
    /// Row `i`'s text.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.keys.get(i).and_then(|&k| self.distinct.get_index(k as usize)).map(|s| &**s)
    }
    /// Every row's text, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.keys.iter().map(|&k| &*self.distinct[k as usize])
    }
    /// The distinct texts in order of first appearance, each with the rows holding it.
    pub fn groups(&self) -> Vec<(&str, Vec<usize>)> {
        let mut rows: Vec<Vec<usize>> = vec![Vec::new(); self.distinct.len()];
        for (i, &k) in self.keys.iter().enumerate() {
            rows[k as usize].push(i);
        }
        self.distinct.iter().map(|s| &**s).zip(rows).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_row_order_and_first_appearance_order() {
        let mut v = LabelValues::default();
        for t in ["Search", "Social", "Search", "", "Email", "Social"] {
            v.push(t);
        }
        assert_eq!(v.iter().collect::<Vec<_>>(), ["Search", "Social", "Search", "", "Email", "Social"]);
        assert_eq!(v.get(4), Some("Email"));
        assert_eq!(v.get(6), None);
        let g = v.groups();
        assert_eq!(
            g,
            vec![("Search", vec![0, 2]), ("Social", vec![1, 5]), ("", vec![3]), ("Email", vec![4])]
        );
    }
}
