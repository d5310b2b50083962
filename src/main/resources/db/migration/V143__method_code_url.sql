-- The authors' official code repository of a method (methods.json codeUrl), null when none.
alter table method add column code_url varchar(500);
