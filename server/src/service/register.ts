// Importing this module registers every file type's parser, validator and features.
// Each file type adds one import line here.
import './mainCf/register';
import './mainCf/registerNavigation';
import './master/register';
import './cyrus/register';
import './saslauthd/register';
import './saslPasswd/register';
import './dovecot/register';
