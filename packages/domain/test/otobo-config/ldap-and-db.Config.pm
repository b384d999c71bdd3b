package Kernel::Config;
use strict;
use warnings;
use utf8;

sub Load {
    my $Self = shift;

    # The corporate directory first, then the local table for external contacts.
    $Self->{'CustomerUser1'} = {
        'Name'   => 'Local contacts',
        'Module' => 'Kernel::System::CustomerUser::DB',
        'Params' => {
            'Table' => 'customer_user',
            'DSN'   => 'DBI:Pg:dbname=contacts;host=db.example.com',
            'User'  => 'contacts',
            'Password' => 'contacts-secret',
        },
        'CustomerKey' => 'login',
        'CustomerID'  => 'customer_id',
        'CustomerUserListFields' => ['first_name', 'last_name', 'email',],
        'AutoLoginCreation'  => 0,
        'Map' => [
            [ 'UserFirstname',  'Firstname', 'first_name', 1, 1, 'var', '', 0 ],
            [ 'UserLastname',   'Lastname',  'last_name',  1, 1, 'var', '', 0 ],
            [ 'UserLogin',      'Username',  'login',      1, 1, 'var', '', 0 ],
            [ 'UserEmail',      'Email',     'email',      1, 1, 'var', '', 0 ],
            [ 'UserCustomerID', 'CustomerID', 'customer_id', 0, 1, 'var', '', 0 ],
            [ 'UserBirthday',   'Birthday',  'Birthday',   1, 0, 'dynamic_field', '', 0 ],
            [ 'ValidID',        'Valid',     'valid_id',   0, 1, 'int', '', 0 ],
        ],
    };

    $Self->{CustomerUser} = {
        Name   => "Corporate directory",
        Module => 'Kernel::System::CustomerUser::LDAP',
        Params => {
            Host   => 'ldap.example.com',
            BaseDN => 'ou=people,dc=example,dc=com',
            SSCOPE => 'sub',
            UserDN => 'cn=otobo,ou=services,dc=example,dc=com',
            UserPw => 'bind-secret',
            AlwaysFilter => '(objectClass=inetOrgPerson)',
            GroupDN      => 'cn=otobo-customers,ou=groups,dc=example,dc=com',
            AccessAttr   => 'memberUid',
            UserAttr     => 'UID',
            SourceCharset => 'utf-8',
            Die => 0,
            Params => {
                port    => 636,
                scheme  => 'ldaps',
                timeout => 10,
                async   => 0,
                version => 3,
            },
        },
        CustomerKey => 'uid',
        CustomerID  => 'departmentNumber',
        CustomerUserListFields   => [ 'cn', 'mail' ],
        CustomerUserSearchFields => [ 'uid', 'cn', 'mail' ],
        CustomerUserSearchPrefix => '',
        CustomerUserSearchSuffix => '*',
        CustomerUserSearchListLimit => 500,
        CustomerUserPostMasterSearchFields => ['mail'],
        CustomerUserNameFields   => [ 'givenname', 'sn' ],
        CustomerUserValidFilter  => '(!(description=locked))',
        AdminSetPreferences => 0,
        CacheTTL => 300,
        Map => [
            [ 'UserTitle',      'Title or salutation', 'title',           1, 0, 'var', '', 1 ],
            [ 'UserFirstname',  'Firstname',  'givenname',        1, 1, 'var', '', 1 ],
            [ 'UserLastname',   'Lastname',   'sn',               1, 1, 'var', '', 1 ],
            [ 'UserLogin',      'Username',   'uid',              1, 1, 'var', '', 1 ],
            [ 'UserEmail',      'Email',      'mail',             1, 1, 'var', '', 1 ],
            [ 'UserCustomerID', 'CustomerID', 'departmentNumber', 0, 1, 'var', '', 1 ],
            [ 'UserPhone',      'Phone',      'telephoneNumber',  1, 0, 'var', '', 1 ],
        ],
    };

    # Changed after the block: the local table is read-only for agents.
    $Self->{CustomerUser1}->{ReadOnly} = 1;

    $Self->{CustomerCompany} = {
        Name   => 'Database Backend',
        Module => 'Kernel::System::CustomerCompany::DB',
        Params => {
            Table => 'customer_company',
            CaseSensitive => 0,
        },
        CustomerCompanyKey   => 'customer_id',
        CustomerCompanyValid => 'valid_id',
        CustomerCompanyListFields   => [ 'customer_id', 'name' ],
        CustomerCompanySearchFields => [ 'customer_id', 'name' ],
        CacheTTL => 60 * 60 * 24,
        Map => [
            [ 'CustomerID',             'CustomerID', 'customer_id', 0, 1, 'var', '', 0 ],
            [ 'CustomerCompanyName',    'Customer',   'name',        1, 1, 'var', '', 0 ],
            [ 'CustomerCompanyRegion',  'Region',     'region',      1, 0, 'var', '', 0 ],
            [ 'ValidID',                'Valid',      'valid_id',    0, 1, 'int', '', 0 ],
        ],
    };
    $Self->{CustomerCompany1} = {
        Name   => 'Partners',
        Module => 'Kernel::System::CustomerCompany::DB',
        Params => { Table => 'partner' },
    };

    return 1;
}

use Kernel::Config::Defaults;
use parent qw(Kernel::Config::Defaults);
1;
