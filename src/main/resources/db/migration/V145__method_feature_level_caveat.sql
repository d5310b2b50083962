-- Why a method's feature-level rows are not a variant of the method (methods.json featureLevelCaveat), null when none.
alter table method add column feature_level_caveat varchar(1000);
