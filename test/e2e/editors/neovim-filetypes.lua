-- Runs the README's Neovim 0.11 snippet ($POSTFIX_SASL_SNIPPET) in an older Neovim: its vim.filetype.add
-- part runs, then vim.lsp.config, which 0.7 lacks, stops it. Prints that error and the filetype of each
-- file in $POSTFIX_SASL_FILES (a JSON list) as one JSON line. Start with g:do_filetype_lua = 1 (0.7).
local ok, err = pcall(dofile, vim.env.POSTFIX_SASL_SNIPPET)
local out = { error = ok and '' or tostring(err), filetypes = {} }
for _, path in ipairs(vim.fn.json_decode(vim.env.POSTFIX_SASL_FILES)) do
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  table.insert(out.filetypes, vim.bo.filetype)
end
io.stdout:write(vim.fn.json_encode(out) .. '\n')
vim.cmd('qa!')
