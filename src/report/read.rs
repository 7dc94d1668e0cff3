//! Reading a report back without holding its arrays: the head is returned and each indicator
//! and reference is handed over as it is parsed, so that the batch tables and resumed runs
//! read reports of any size in bounded memory. What is accepted is what deserialising a whole
//! [`Report`](super::Report) accepts.

use super::{Producer, ReportHead, RestorationSummary, SourceInfo};
use crate::extract::{DocumentMeta, Indicator, Reference};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::io::Read;

/// One item of a report's arrays.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportItem {
    /// An element of `indicators`.
    Indicator(Indicator),
    /// An element of `references`.
    Reference(Reference),
}

/// Read the report JSON of `reader`, calling `on_item(source, document, item)` for each
/// indicator and reference in the order of the file, and return the rest. Items written before
/// the report's `source` and `document` (vnreport writes them after) wait until both are read.
pub fn read_report(
    reader: impl Read,
    on_item: &mut dyn FnMut(&SourceInfo, &DocumentMeta, ReportItem),
) -> serde_json::Result<ReportHead> {
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let mut state = State { source: None, document: None, waiting: Vec::new(), on_item };
    let head = ReportSeed { state: &mut state }.deserialize(&mut de)?;
    de.end()?;
    Ok(head)
}

/// The fields read so far, and the items that wait for them.
struct State<'f> {
    source: Option<SourceInfo>,
    document: Option<DocumentMeta>,
    waiting: Vec<ReportItem>,
    on_item: &'f mut dyn FnMut(&SourceInfo, &DocumentMeta, ReportItem),
}

impl State<'_> {
    fn item(&mut self, item: ReportItem) {
        match (&self.source, &self.document) {
            (Some(s), Some(d)) => (self.on_item)(s, d, item),
            _ => self.waiting.push(item),
        }
    }
}

struct ReportSeed<'s, 'f> {
    state: &'s mut State<'f>,
}

impl<'de> DeserializeSeed<'de> for ReportSeed<'_, '_> {
    type Value = ReportHead;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<ReportHead, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ReportSeed<'_, '_> {
    type Value = ReportHead;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a vnreport report")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ReportHead, A::Error> {
        let state = self.state;
        let (mut schema_version, mut producer, mut restoration) = (None, None, None);
        let (mut indicators, mut references) = (None, None);
        fn once<T, E: de::Error>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
            match slot {
                Some(_) => Err(E::duplicate_field(name)),
                None => Ok(()),
            }
        }
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "schema_version" => {
                    once(&schema_version, "schema_version")?;
                    schema_version = Some(map.next_value::<String>()?);
                }
                "producer" => {
                    once(&producer, "producer")?;
                    producer = Some(map.next_value::<Producer>()?);
                }
                "source" => {
                    once(&state.source, "source")?;
                    state.source = Some(map.next_value::<SourceInfo>()?);
                }
                "document" => {
                    once(&state.document, "document")?;
                    state.document = Some(map.next_value::<DocumentMeta>()?);
                }
                "indicators" => {
                    once(&indicators, "indicators")?;
                    indicators =
                        Some(map.next_value_seed(Items { state: &mut *state, wrap: ReportItem::Indicator })?);
                }
                "references" => {
                    once(&references, "references")?;
                    references =
                        Some(map.next_value_seed(Items { state: &mut *state, wrap: ReportItem::Reference })?);
                }
                "restoration" => {
                    once(&restoration, "restoration")?;
                    restoration = Some(map.next_value::<RestorationSummary>()?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let missing = de::Error::missing_field;
        let source = state.source.take().ok_or_else(|| missing("source"))?;
        let document = state.document.take().ok_or_else(|| missing("document"))?;
        for item in std::mem::take(&mut state.waiting) {
            (state.on_item)(&source, &document, item);
        }
        Ok(ReportHead {
            schema_version: schema_version.ok_or_else(|| missing("schema_version"))?,
            producer: producer.unwrap_or_default(),
            source,
            document,
            indicators: indicators.ok_or_else(|| missing("indicators"))?,
            references: references.ok_or_else(|| missing("references"))?,
            restoration: restoration.ok_or_else(|| missing("restoration"))?,
        })
    }
}

/// One array of items, handed over one at a time; its value is their number.
struct Items<'s, 'f, T> {
    state: &'s mut State<'f>,
    wrap: fn(T) -> ReportItem,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Items<'_, '_, T> {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<'_, '_, T> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut n = 0;
        while let Some(item) = seq.next_element::<T>()? {
            self.state.item((self.wrap)(item));
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{build_report, to_json, Report};

    fn report() -> Report {
        let text = "Số: 125/BC-UBND\nTỷ lệ hồ sơ đạt 98,5%, 12.450 hồ sơ.\n\
                    Thực hiện Quyết định số 5085/QĐ-UBND ngày 20/12/2023.\n";
        let r = crate::extract::identity_restoration(text);
        let ex = crate::extract::extract(&r);
        build_report(SourceInfo::new("r.txt", text.as_bytes(), 3, "utf-8"), &r, &ex)
    }

    fn read(json: &str) -> serde_json::Result<(ReportHead, Vec<ReportItem>)> {
        let mut items = Vec::new();
        let head = read_report(json.as_bytes(), &mut |s, d, item| {
            assert_eq!((s.path.as_str(), d.number.as_deref()), ("r.txt", Some("125/BC-UBND")));
            items.push(item);
        })?;
        Ok((head, items))
    }

    #[test]
    fn reads_what_deserialising_the_whole_report_reads() {
        let r = report();
        assert!(r.indicators.len() >= 2 && !r.references.is_empty());
        for pretty in [false, true] {
            let (head, items) = read(&to_json(&r, pretty)).unwrap();
            assert_eq!(head, r.head());
            let indicators = r.indicators.iter().cloned().map(ReportItem::Indicator);
            let references = r.references.iter().cloned().map(ReportItem::Reference);
            assert_eq!(items, indicators.chain(references).collect::<Vec<_>>());
        }
    }

    #[test]
    fn items_before_the_document_wait_for_it_and_foreign_json_is_refused() {
        let r = report();
        let mut v: serde_json::Value = serde_json::from_str(&to_json(&r, false)).unwrap();
        let indicators = v["indicators"].take();
        let object = v.as_object_mut().unwrap();
        object.remove("indicators");
        let mut reordered = serde_json::Map::new();
        reordered.insert("indicators".into(), indicators);
        reordered.extend(object.clone());
        let (head, items) = read(&serde_json::Value::Object(reordered).to_string()).unwrap();
        assert_eq!(head, r.head());
        assert_eq!(items.len(), r.indicators.len() + r.references.len());
        for foreign in ["{}", "[]", "{\"schema_version\":\"1.3\"}", "{\"a\":1} x"] {
            assert!(read(foreign).is_err(), "{foreign}");
            assert!(serde_json::from_str::<Report>(foreign).is_err(), "{foreign}");
        }
        let duplicated =
            to_json(&r, false).replacen("\"references\":", "\"references\":[],\"references\":", 1);
        assert!(read(&duplicated).is_err());
    }
}
